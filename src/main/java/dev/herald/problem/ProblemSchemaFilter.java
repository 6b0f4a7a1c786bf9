package dev.herald.problem;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * Adds the problem document to {@code /openapi}: the {@value #SCHEMA} schema the resources' error responses refer
 * to, its {@code type} listing every problem type. Built from {@link ProblemType} rather than written out in an
 * annotation or a static file, so that the document names exactly the types Herald sends. Registered with
 * {@code mp.openapi.filter} (microprofile-config.properties).
 */
public class ProblemSchemaFilter implements OASFilter {

    /** The schema's name, for {@code @Schema(ref = ...)}. */
    public static final String SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(SCHEMA, problem());
    }

    /** What {@link Problem#toJson()} writes. */
    static Schema problem() {
        return OASFactory.createSchema().type(SchemaType.OBJECT)
                .description("An RFC 9457 problem document with Herald's reconnection hints: the body of a failed"
                        + " request (application/problem+json) and the data of an `error` event on a stream.")
                .addProperty("type", schema(SchemaType.STRING, "The problem type, one of:\n\n" + typeList())
                        .enumeration(Arrays.stream(ProblemType.values()).map(type -> (Object) type.uri()).toList()))
                .addProperty("title", schema(SchemaType.STRING, "The type's title, the same for every instance"))
                .addProperty("status", schema(SchemaType.INTEGER, "The HTTP status the type stands for (a stream"
                        + " that has started answers 200 and sends the problem as an event)"))
                .addProperty("detail", schema(SchemaType.STRING, "What happened in this instance"))
                .addProperty("retryable", schema(SchemaType.BOOLEAN, "true: come back after retryAfterMs;"
                        + " false: reconnecting will not help"))
                .addProperty("retryAfterMs", schema(SchemaType.INTEGER, "When to come back (ms); on a stream the"
                        + " same value as the event's retry: field").format("int64"))
                .required(List.of("type", "title", "status", "detail", "retryable", "retryAfterMs"));
    }

    private static Schema schema(SchemaType type, String description) {
        return OASFactory.createSchema().type(type).description(description);
    }

    /** A Markdown list: the URI, its title, status and whether it is retryable. */
    private static String typeList() {
        return Arrays.stream(ProblemType.values())
                .map(type -> "- `" + type.uri() + "`: " + type.title() + " (" + type.status() + ", "
                        + (type.retryable() ? "retryable" : "fatal") + ")")
                .collect(Collectors.joining("\n"));
    }
}
