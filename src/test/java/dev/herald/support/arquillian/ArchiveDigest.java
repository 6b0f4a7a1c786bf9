package dev.herald.support.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.Asset;

/**
 * A digest of what an archive holds: its entries' paths and bytes, nested archives by their own contents (their
 * exported bytes carry the time of export, so the same contents would differ).
 */
final class ArchiveDigest {

    private ArchiveDigest() {
    }

    static String of(Archive<?> archive) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            add(digest, archive);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(MessageDigest digest, Archive<?> archive) {
        digest.update(archive.getName().getBytes(StandardCharsets.UTF_8));
        Map<String, Node> entries = new TreeMap<>();
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            entries.put(entry.getKey().get(), entry.getValue());
        }
        for (Map.Entry<String, Node> entry : entries.entrySet()) {
            digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            Asset asset = entry.getValue().getAsset();
            if (asset instanceof ArchiveAsset nested) {
                add(digest, nested.getArchive());
            } else if (asset != null) {
                try (InputStream bytes = asset.openStream()) {
                    digest.update(bytes.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
