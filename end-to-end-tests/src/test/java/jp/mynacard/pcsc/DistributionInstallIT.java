package jp.mynacard.pcsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.mynacard.testing.ExternalTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user installs it: the tar.gz `mvn package` made, unpacked outside the
 * source tree, run with a failing mvn first on the PATH and an empty home (no local Maven repository):
 * `myna` reads the virtual card in pcscd, `jlis` and `perso` answer.
 */
class DistributionInstallIT {
    @TempDir
    static Path installDir;
    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball;
        try (Stream<Path> built = Files.list(VcardProcess.repositoryRoot().resolve("distribution/target"))) {
            tarball = built.filter(p -> p.getFileName().toString().matches("mynacard-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no distribution tarball: run mvn package"));
        }
        ExternalTool.run("tar", "xzf", tarball.toString(), "-C", installDir.toString()).requireSuccess();
        try (Stream<Path> unpacked = Files.list(installDir)) {
            home = unpacked.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(Files.isDirectory(home.resolve("lib")));
        assertFalse(Files.exists(home.resolve("pom.xml")), "the distribution carries no build");
        assertTrue(Files.exists(home.resolve("LICENSE")));
    }

    @Test
    void mynaReadsTheCardWithoutSourceOrMaven() throws Exception {
        try (VcardProcess vcard = VcardProcess.start()) {
            Run status = installed("myna", "pin", "status");
            assertEquals(0, status.exit, status.output);
            assertTrue(status.output.contains("auth PIN: 3 tries left"), status.output);
            Run cert = installed("myna", "cert", "auth", "--form", "pem");
            assertEquals(0, cert.exit, cert.output);
            assertTrue(cert.output.contains("-----BEGIN CERTIFICATE-----"), cert.output);
        }
    }

    @Test
    void everyProgramStarts() throws Exception {
        for (String program : List.of("myna", "perso", "jlis", "vcard", "kiosk", "library-desk")) {
            Run help = installed(program, "--help");
            assertEquals(0, help.exit, program + ": " + help.output);
            assertTrue(help.output.startsWith("Usage: "), program + ": " + help.output);
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run installed(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve(program).toString());
        command.addAll(List.of(arguments));
        Path emptyHome = Files.createDirectories(installDir.resolve("user-home"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(emptyHome.toFile());
        builder.environment().put("HOME", emptyHome.toString());
        // a mvn that fails first on the PATH: the installed launcher must never build anything
        Path noMaven = Files.createDirectories(installDir.resolve("no-maven"));
        Path mvn = noMaven.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho 'mvn called by an installed program' >&2\nexit 99\n");
        mvn.toFile().setExecutable(true);
        Path java = Path.of(System.getProperty("java.home"), "bin");
        builder.environment().put("PATH", noMaven + ":" + java + ":" + builder.environment().get("PATH"));
        builder.environment().remove("MYNA_AUTH_PIN");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), program + " did not finish");
        return new Run(process.exitValue(), output);
    }
}
