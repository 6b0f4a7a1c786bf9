package dev.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code, {@code META-INF/microprofile-config.properties} and the docs' settings tables saying the same thing.
 * The keys and defaults come from the compiled code itself: every {@link Setting} constant of a settings class; and,
 * to catch a key read some other way, every {@code @ConfigProperty} injection and the {@code herald.*} keys a class
 * reading {@code Config} names as string constants (which must all be the key of a {@code Setting}). The code's
 * default is the reference; the properties file and the docs repeat it.
 */
class SettingsDocumentedTest {

    private static final Path PROPERTIES = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path DOCS = Path.of("docs");
    private static final Path CONFIGURATION = DOCS.resolve("configuration.md");
    private static final Pattern KEY = Pattern.compile("herald\\.[a-z0-9][a-z0-9.<>-]*[a-z0-9>]");
    private static final Pattern COMMENTED = Pattern.compile("^#\\s*(herald\\.[^=\\s]+)\\s*=", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(`herald\\.[^|]*)\\|([^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern TICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern DEV_NOTE = Pattern.compile("\\(`([^`]*)` in the `dev` profile\\)");
    private static final String CONFIG = "org/eclipse/microprofile/config/Config";

    /** A key read by the code, where, and its default there (null: none, or not visible). */
    record Read(String key, String defaultValue, boolean defaultVisible, String where) {
    }

    /** A row of a docs table. */
    record Documented(String key, String defaultValue, String devValue, String page) {
    }

    private static final List<Read> reads = new ArrayList<>();
    private static final Map<String, String> properties = new TreeMap<>();
    private static final Map<String, String> profiled = new TreeMap<>();
    private static final Set<String> commented = new TreeSet<>();
    private static final List<Documented> documented = new ArrayList<>();

    @BeforeAll
    static void gather() throws IOException, URISyntaxException {
        Path classes = Path.of(Setting.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                readCode(name, Files.readAllBytes(file));
            }
        }
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        }
        for (String key : loaded.stringPropertyNames()) {
            String value = loaded.getProperty(key).strip();
            if (key.startsWith("%")) {
                profiled.put(key, value);
            } else if (key.startsWith("herald.")) {
                properties.put(key, value); // empty: MicroProfile Config takes it as unset
            }
        }
        Matcher commentedKey = COMMENTED.matcher(Files.readString(PROPERTIES));
        while (commentedKey.find()) {
            commented.add(commentedKey.group(1));
        }
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                readTables(page);
            }
        }
        assertTrue(reads.stream().anyMatch(read -> read.defaultVisible() && read.where().contains("Settings")),
                "no Setting constant found under " + classes + ": the scan is broken");
    }

    private static void readCode(String className, byte[] bytes) throws IOException {
        Class<?> type;
        try {
            type = Class.forName(className, false, SettingsDocumentedTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("cannot load " + className + " to read its settings", e);
        }
        for (Field field : type.getDeclaredFields()) {
            if (field.getType() == Setting.class && Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                try {
                    Setting setting = (Setting) field.get(null);
                    reads.add(new Read(setting.key(), setting.defaultValue(), true,
                            "Setting " + type.getSimpleName() + "." + field.getName()));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
            injected(field, type.getSimpleName() + "." + field.getName());
        }
        List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        executables.addAll(List.of(type.getDeclaredMethods()));
        for (Executable executable : executables) {
            for (Parameter parameter : executable.getParameters()) {
                injected(parameter, type.getSimpleName() + "(" + parameter.getType().getSimpleName() + ")");
            }
        }
        ConstantPool pool = ConstantPool.of(bytes);
        if (pool.names().contains(CONFIG)) {
            for (String constant : pool.strings()) {
                if (KEY.matcher(constant).matches() && !constant.contains("<")) {
                    reads.add(new Read(constant, null, false, "Config in " + type.getSimpleName()));
                }
            }
        }
    }

    private static void injected(AnnotatedElement element, String where) {
        ConfigProperty property = element.getAnnotation(ConfigProperty.class);
        if (property != null && property.name().startsWith("herald.")) {
            String value = ConfigProperty.UNCONFIGURED_VALUE.equals(property.defaultValue()) ? null
                    : property.defaultValue();
            reads.add(new Read(property.name(), value, true, "@ConfigProperty " + where));
        }
    }

    private static void readTables(Path page) throws IOException {
        Matcher row = ROW.matcher(Files.readString(page));
        while (row.find()) {
            List<String> keys = ticked(row.group(1)).stream().filter(k -> KEY.matcher(k).matches()).toList();
            String cell = row.group(2).strip();
            Matcher dev = DEV_NOTE.matcher(cell);
            String devValue = dev.find() ? dev.group(1) : null;
            List<String> defaults = cell.startsWith("`") ? ticked(DEV_NOTE.matcher(cell).replaceAll("")) : List.of();
            for (int i = 0; i < keys.size(); i++) {
                // one default per key; a single key with several (by case) has no single default
                String value = defaults.size() == keys.size() ? defaults.get(i) : null;
                documented.add(new Documented(keys.get(i), value, devValue, DOCS.relativize(page).toString()));
            }
        }
    }

    private static List<String> ticked(String text) {
        List<String> values = new ArrayList<>();
        Matcher ticked = TICKED.matcher(text);
        while (ticked.find()) {
            values.add(ticked.group(1));
        }
        return values;
    }

    @Test
    void aKeyIsDeclaredAsASettingOnceAndReadWithOneDefault() {
        List<String> problems = new ArrayList<>();
        Map<String, List<Read>> byKey = byKey();
        byKey.forEach((key, all) -> {
            long declared = all.stream().filter(read -> read.where().startsWith("Setting ")).count();
            if (declared > 1) {
                problems.add(key + " is declared " + declared + " times: " + all);
            }
            Set<String> defaults = new HashSet<>();
            all.stream().filter(Read::defaultVisible)
                    .forEach(read -> defaults.add(String.valueOf(read.defaultValue())));
            if (defaults.size() > 1) {
                problems.add(key + " has different defaults in the code: " + all);
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyIsReadThroughItsSetting() {
        List<String> problems = new ArrayList<>();
        byKey().forEach((key, all) -> {
            all.stream().filter(read -> read.where().startsWith("@ConfigProperty "))
                    .forEach(read -> problems.add(key + " is injected by " + read.where()
                            + ": make it a Setting of the area's settings class"));
            if (all.stream().noneMatch(read -> read.where().startsWith("Setting "))) {
                problems.add(key + " is read by " + all.get(0).where() + " without a Setting");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void thePropertiesFileGivesTheCodesDefaults() {
        List<String> problems = new ArrayList<>();
        Map<String, List<Read>> byKey = byKey();
        properties.forEach((key, value) -> {
            String family = family(key, byKey.keySet());
            if (family == null) {
                problems.add(key + " is in the properties file, but no code reads it");
            } else if (!Objects.equals(orNull(value), codeDefault(byKey.get(family)))
                    && byKey.get(family).stream().anyMatch(Read::defaultVisible)) {
                problems.add(key + "=" + value + " in the properties file, but the code's default is "
                        + codeDefault(byKey.get(family)));
            }
        });
        byKey.forEach((key, all) -> {
            String value = codeDefault(all);
            if (value != null && !key.contains(Setting.MEMBER) && !properties.containsKey(key)) {
                problems.add(key + " (default " + value + " in the code) is missing from the properties file");
            }
        });
        profiled.keySet().forEach(key -> {
            String bare = key.substring(key.indexOf('.') + 1);
            if (bare.startsWith("herald.") && family(bare, byKey.keySet()) == null) {
                problems.add(key + " is a profile entry of a key no code reads");
            }
        });
        commented.forEach(key -> {
            if (family(key, byKey.keySet()) == null) {
                problems.add(key + " is named (commented) in the properties file, but no code reads it");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void theDocsNameEveryKeyWithTheCodesDefault() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, List<Read>> byKey = byKey();
        Set<String> inConfiguration = new HashSet<>();
        Set<String> inDocs = new HashSet<>();
        for (Documented row : documented) {
            String family = family(row.key(), byKey.keySet());
            if (family == null) {
                problems.add(row.key() + " is documented in " + row.page() + ", but no code reads it");
                continue;
            }
            inDocs.add(family);
            if (row.page().equals(DOCS.relativize(CONFIGURATION).toString())) {
                inConfiguration.add(family);
            }
            List<Read> all = byKey.get(family);
            String expected = all.stream().anyMatch(Read::defaultVisible) ? codeDefault(all)
                    : orNull(properties.get(family));
            if (!Objects.equals(row.defaultValue(), expected)) {
                problems.add(row.key() + ": " + row.page() + " gives the default " + describe(row.defaultValue())
                        + ", the code " + describe(expected));
            }
            String dev = profiled.get("%dev." + row.key());
            if (row.devValue() != null && !row.devValue().equals(dev)) {
                problems.add(row.key() + ": " + row.page() + " gives the dev profile " + row.devValue()
                        + ", the properties file " + describe(dev));
            }
        }
        byKey.keySet().forEach(key -> {
            boolean member = key.contains(Setting.MEMBER);
            if (member ? !inDocs.contains(key) : !inConfiguration.contains(key)) {
                problems.add(key + " is read by " + byKey.get(key).get(0).where() + ", but missing from "
                        + (member ? "the docs' tables" : "docs/configuration.md"));
            }
        });
        assertEquals(List.of(), problems);
    }

    private static Map<String, List<Read>> byKey() {
        Map<String, List<Read>> byKey = new LinkedHashMap<>();
        reads.forEach(read -> byKey.computeIfAbsent(read.key(), key -> new ArrayList<>()).add(read));
        return byKey;
    }

    /** The key the code reads that {@code key} is: itself, or a member of a family (herald.upstream.<name>.url). */
    private static String family(String key, Set<String> known) {
        if (known.contains(key)) {
            return key;
        }
        for (String candidate : known) {
            if (candidate.contains(Setting.MEMBER)) {
                String[] parts = candidate.split(Pattern.quote(Setting.MEMBER), 2);
                if (key.startsWith(parts[0]) && key.endsWith(parts[1])
                        && key.length() > parts[0].length() + parts[1].length()
                        && !key.substring(parts[0].length(), key.length() - parts[1].length()).contains(".")) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static String codeDefault(List<Read> all) {
        return all.stream().filter(Read::defaultVisible).map(Read::defaultValue).map(SettingsDocumentedTest::orNull)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String orNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String describe(String value) {
        return value == null ? "none" : "'" + value + "'";
    }

    /** The string constants and class names of a class file, read from its constant pool. */
    record ConstantPool(List<String> strings, Set<String> names) {

        static ConstantPool of(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.skipNBytes(8); // magic, minor and major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> stringIndexes = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 8 -> stringIndexes.add(in.readUnsignedShort());
                    case 7, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            List<String> strings = stringIndexes.stream().map(index -> utf8[index]).toList();
            Set<String> names = new HashSet<>();
            for (String value : utf8) {
                if (value != null) {
                    names.add(value);
                }
            }
            return new ConstantPool(strings, names);
        }
    }
}
