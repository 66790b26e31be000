import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The `cap` profile's last step (docs/applets.md, "Building a CAP"): prints the size of each
 * component of a CAP and the API packages it imports with their versions, and fails when it
 * imports a javacard.framework newer than a Java Card 3.0.4 chip has (1.5). Run by the JDK as a
 * single source file: it is build tooling, never part of the CAP or of a jar.
 *
 * <p>Usage: {@code java CapComponents.java <file.cap>}
 */
public final class CapComponents {
    /** Java Card 3.0.4's javacard.framework: a CAP importing a newer one does not load on a 3.0.4 chip. */
    private static final int FRAMEWORK_MAJOR = 1;
    private static final int FRAMEWORK_MINOR = 5;
    private static final String FRAMEWORK_AID = "a0000000620101";
    private static final Map<String, String> API_PACKAGES = Map.of(
            "a0000000620001", "java.lang",
            FRAMEWORK_AID, "javacard.framework",
            "a0000000620102", "javacard.security",
            "a0000000620201", "javacardx.crypto",
            "a0000000620209", "javacardx.apdu");
    /** JCVM spec §6.1: the component tag of the Import component. */
    private static final int TAG_IMPORT = 4;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java CapComponents.java <file.cap>");
            System.exit(2);
        }
        List<String> problems = new ArrayList<>();
        long total = 0;
        try (ZipFile cap = new ZipFile(args[0])) {
            System.out.println("CAP " + args[0] + ": components (bytes)");
            for (ZipEntry entry : cap.stream().filter(e -> e.getName().endsWith(".cap")).toList()) {
                byte[] component;
                try (InputStream in = cap.getInputStream(entry)) {
                    component = in.readAllBytes();
                }
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                System.out.printf("  %-18s %6d%n", name, component.length);
                total += component.length;
                if (component.length > 0 && component[0] == TAG_IMPORT) {
                    problems.addAll(imports(component));
                }
            }
        }
        System.out.printf("  %-18s %6d%n", "total", total);
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.exit(1);
        }
    }

    /** tag (1), size (2), count (1), then per package: minor, major, AID length, AID. */
    private static List<String> imports(byte[] component) {
        List<String> problems = new ArrayList<>();
        int count = component[3] & 0xFF;
        int at = 4;
        for (int i = 0; i < count; i++) {
            int minor = component[at] & 0xFF;
            int major = component[at + 1] & 0xFF;
            int aidLength = component[at + 2] & 0xFF;
            String aid = HexFormat.of().formatHex(component, at + 3, at + 3 + aidLength);
            at += 3 + aidLength;
            System.out.printf("  imports %-18s %s %d.%d%n", API_PACKAGES.getOrDefault(aid, "package"), aid, major, minor);
            if (aid.equals(FRAMEWORK_AID) && (major > FRAMEWORK_MAJOR || major == FRAMEWORK_MAJOR && minor > FRAMEWORK_MINOR)) {
                problems.add("the CAP imports javacard.framework " + major + "." + minor + ": a Java Card 3.0.4 chip has "
                        + FRAMEWORK_MAJOR + "." + FRAMEWORK_MINOR + " (convert with -target 3.0.4)");
            }
        }
        return problems;
    }
}
