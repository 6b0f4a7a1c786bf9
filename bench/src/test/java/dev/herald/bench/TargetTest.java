package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void aSingleServerIsEveryNode() {
        Target nchan = Target.parse("nchan=nchan,http://127.0.0.1:17080,10+11");

        assertEquals("nchan", nchan.name());
        assertEquals(Target.Kind.NCHAN, nchan.kind());
        assertEquals(List.of(10L, 11L), nchan.pids());
        assertEquals(List.of(), nchan.helperPids());
        assertFalse(nchan.clustered());
        assertEquals(1, nchan.nodeCount());
        assertSame(nchan, nchan.node(1));
    }

    @Test
    void aClusterHasItsNodesAndHelpers() {
        Target cluster = Target.parse("cluster=herald,http://127.0.0.1:21090,20+21,"
                + "nodes=http://127.0.0.1:21080+http://127.0.0.1:21081,helpers=30+31+32");

        assertTrue(cluster.clustered());
        assertEquals(2, cluster.nodeCount());
        assertEquals(21090, cluster.port());
        assertEquals(List.of(20L, 21L), cluster.pids());
        assertEquals(List.of(30L, 31L, 32L), cluster.helperPids());
        Target second = cluster.node(1);
        assertEquals(21081, second.port());
        assertEquals(URI.create("http://127.0.0.1:21081/api/topics/t/events"), second.publishUri("t"));
        assertEquals(List.of(20L, 21L), second.pids(), "a node's CPU is still read for the whole cluster");
        assertFalse(second.clustered());
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Target.parse("cluster=herald,http://127.0.0.1:21090,20,node=http://127.0.0.1:21080"));
    }
}
