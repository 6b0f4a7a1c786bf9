package dev.herald.server;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.logging.Logger;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import dev.herald.delivery.Subscriber;
import dev.herald.wire.FrameBatch;

/**
 * Writes Herald's pre-encoded frames to a stream as they are: one {@code write} per batch, no re-framing.
 * <p>
 * Jersey writes whatever is sent to an {@code SseEventSink} with the message body writer for the event's class,
 * so for a {@link FrameBatch} it uses this one instead of framing the event again, byte by byte, for every
 * subscriber. RESTEasy always frames events with its own writer and never calls this one. Whether the runtime
 * does is learnt from the first write ({@link FrameBatch#writtenByRuntime()}).
 * <p>
 * The stream it is handed is the response's own (Jersey's {@code ChunkedOutput} writes every chunk to it); a
 * subscriber keeps it and writes its later batches straight to it (see {@link Subscriber}).
 */
@Provider
@Produces(MediaType.SERVER_SENT_EVENTS)
public class FrameWriter implements MessageBodyWriter<FrameBatch> {

    private static final Logger LOG = Logger.getLogger(FrameWriter.class.getName());

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return FrameBatch.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(FrameBatch batch, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream)
            throws IOException {
        if (batch.writtenBy(entityStream)) {
            LOG.info("The runtime writes Herald's pre-encoded frames itself: subscribers now get batched writes");
        }
    }
}
