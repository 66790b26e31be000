package jp.mynacard.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module graph of docs/architecture.md, read from the poms: every module's dependencies on
 * the project's own modules are the ones that page allows, so an arrow from the centre to the
 * bureau (or production code leaning on a test module) fails here first.
 */
class ModuleGraphTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    /** Main (compile and runtime) dependencies on our own modules. */
    private static final Map<String, Set<String>> MAIN = Map.ofEntries(
            Map.entry("card-model", Set.of()),
            Map.entry("test-support", Set.of()),
            Map.entry("applets", Set.of()),
            Map.entry("host-middleware", Set.of("card-model")),
            Map.entry("myna-cli", Set.of("host-middleware")),
            Map.entry("centre-client", Set.of("card-model")),
            Map.entry("jlis-simulator", Set.of("card-model", "centre-client")),
            Map.entry("personalization", Set.of("card-model", "host-middleware", "centre-client")),
            Map.entry("perso-cli", Set.of("personalization", "centre-client")),
            Map.entry("card-sim", Set.of("applets", "host-middleware", "personalization", "jlis-simulator", "centre-client")),
            Map.entry("kiosk-sample", Set.of("host-middleware", "centre-client")),
            Map.entry("demo", Set.of("card-sim", "kiosk-sample")),
            Map.entry("distribution", Set.of("myna-cli", "perso-cli", "jlis-simulator", "card-sim", "kiosk-sample", "demo")),
            Map.entry("end-to-end-tests", Set.of()));
    private static final Set<String> TEST_ONLY = Set.of("test-support", "end-to-end-tests");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*(?:<!--(?:(?!-->).)*-->\\s*)?<groupId>jp\\.mynacard</groupId>\\s*<artifactId>([\\w-]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    @Test
    void everyModuleIsInThePicture() throws IOException {
        String root = Files.readString(ROOT.resolve("pom.xml"));
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([\\w-]+)</module>").matcher(root);
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertEquals(new TreeSet<>(MAIN.keySet()), modules, "docs/architecture.md and this test name every module");
    }

    @Test
    void mainDependenciesAreTheAllowedOnes() throws IOException {
        for (Map.Entry<String, Set<String>> module : MAIN.entrySet()) {
            Set<String> main = new TreeSet<>();
            Matcher m = DEPENDENCY.matcher(Files.readString(ROOT.resolve(module.getKey()).resolve("pom.xml")));
            while (m.find()) {
                String rest = m.group(2);
                if (!rest.contains("<scope>test</scope>")) {
                    main.add(m.group(1));
                }
                assertTrue(!TEST_ONLY.contains(m.group(1)) || rest.contains("<scope>test</scope>"),
                        module.getKey() + " depends on the test module " + m.group(1) + " outside test scope");
            }
            assertEquals(new TreeSet<>(module.getValue()), main, module.getKey() + "'s main dependencies");
        }
    }

    @Test
    void theCentreNeverImportsTheBureau() throws IOException {
        try (Stream<Path> sources = Files.walk(ROOT.resolve("jlis-simulator/src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                assertTrue(!text.contains("import jp.mynacard.perso.") && !text.contains("import jp.mynacard.host."),
                        source + " imports the bureau or the host library");
            }
        }
    }

    @Test
    void theTestModuleHoldsNoProductionCode() {
        assertTrue(!Files.exists(ROOT.resolve("end-to-end-tests/src/main")), "end-to-end-tests has a src/main");
    }
}
