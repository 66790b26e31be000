package jp.mynacard.kiosk;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiosk serve}: the municipal service alone, for kiosks started with {@code --service URL}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the municipal service alone (HTTP), for kiosks given --service URL.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions service;

    @Option(names = "--port", description = "port (default ${DEFAULT-VALUE})", defaultValue = "8090")
    int port;

    @Option(names = "--bind", description = "address to listen on (default ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String bind;

    @Override
    public Integer call() throws Exception {
        try (KioskServiceServer server = KioskServiceServer.start(new InetSocketAddress(bind, port), service.build())) {
            System.out.println("kiosk service on " + server.uri());
            new CountDownLatch(1).await(); // until the process is stopped
        }
        return KioskOutcome.ISSUED.exitCode;
    }
}
