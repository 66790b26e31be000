package jp.mynacard.perso.cli.freearea;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.freearea.FreeAreaException;
import jp.mynacard.host.freearea.FreeAreaListing;
import jp.mynacard.host.freearea.ReadPolicy;
import jp.mynacard.host.freearea.SlotInfo;
import jp.mynacard.host.freearea.SlotName;
import jp.mynacard.host.freearea.TenantKey;
import jp.mynacard.host.reader.PcscReaders;
import jp.mynacard.perso.cli.options.CounterAuditOptions;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import jp.mynacard.perso.freearea.FreeAreaSlots;
import jp.mynacard.perso.journal.CounterAuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perso free-area add|remove|list}: the counter's slot management on a live card
 * (docs/free-area.md), over the issuer's secure channel to the free-area AP.
 * Exit codes: 0 done, 1 refused by the card (no room, name taken, no such slot), 2 usage.
 */
@Command(name = "free-area", mixinStandardHelpOptions = true,
        description = "Add, remove or list tenant slots in the card's free area (a municipal counter's operation).",
        subcommands = {FreeAreaCommand.Add.class, FreeAreaCommand.Remove.class, FreeAreaCommand.List.class})
public final class FreeAreaCommand {
    static final int EXIT_REFUSED = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Which reader to use: PC/SC by default; a test passes a simulated one. */
    final Function<String, CardTerminal> readers;

    public FreeAreaCommand() {
        this(PcscReaders::choose);
    }

    public FreeAreaCommand(Function<String, CardTerminal> readers) {
        this.readers = readers;
    }

    abstract static class SlotCommand implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        FreeAreaCommand parent;

        @Mixin
        CounterOptions counter;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try {
                validate();
            } catch (IllegalArgumentException e) {
                // usage errors before the card is touched: picocli's exit code 2
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CounterAuditLog audit;
            try {
                audit = openAudit();
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                err.println("perso free-area: nothing done, no audit log: " + e.getMessage());
                return EXIT_REFUSED;
            }
            String card = null;
            try {
                try (ApduChannel channel = ApduChannel.open(parent.readers.apply(counter.reader))) {
                    FreeAreaSlots slots = FreeAreaSlots.open(channel, counter.masterKey());
                    card = slots.cardSerial();
                    int exit = run(slots, out);
                    record(audit, card, CounterAuditLog.DONE, null);
                    return exit;
                } catch (FreeAreaException e) {
                    err.println("perso free-area: " + e.getMessage());
                    record(audit, card, CounterAuditLog.FAILED, e.getMessage());
                    return EXIT_REFUSED;
                } catch (RuntimeException e) {
                    // not one a clerk can act on: still audited, then up to the tool's handler
                    record(audit, card, CounterAuditLog.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
                    throw e;
                }
            } finally {
                if (audit != null) {
                    audit.close();
                }
            }
        }

        /** The audit log of a command that changes the card; null for one that only looks. */
        CounterAuditLog openAudit() throws IOException {
            return null;
        }

        /** The slot the command acts on, for its audit line. */
        String slotName() {
            return null;
        }

        private void record(CounterAuditLog audit, String card, String outcome, String reason) throws IOException {
            if (audit != null) {
                audit.record(new CounterAuditLog.Line("free-area " + spec.name(), card, null, slotName(),
                        java.util.List.of(), java.util.List.of(), java.util.List.of(), outcome, reason));
            }
        }

        void validate() {
        }

        abstract int run(FreeAreaSlots slots, PrintWriter out) throws IOException;
    }

    /** A command that changes the card's slots: audited as a counter operation (docs/counter-operations.md). */
    abstract static class AuditedSlotCommand extends SlotCommand {
        @Mixin
        CounterAuditOptions audit = new CounterAuditOptions();

        @Override
        CounterAuditLog openAudit() throws IOException {
            return audit.open(counter.keys, IssuerKeyOptions.processSecrets(), Clock.systemUTC());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an empty slot for a tenant and its key.")
    static final class Add extends AuditedSlotCommand {
        @Parameters(index = "0", paramLabel = "TENANT:SERVICE", description = "e.g. 131016:1 (千代田区, seal registration)")
        String slot;

        @Override
        String slotName() {
            return slot;
        }

        @Option(names = "--read", paramLabel = "open|keyed", defaultValue = "keyed",
                description = "who may read: anyone (open) or the tenant with its key (keyed, default)")
        String read;

        @Option(names = "--capacity", paramLabel = "BYTES", defaultValue = "256", description = "1 to 1024 (default ${DEFAULT-VALUE})")
        int capacity;

        @Option(names = "--key-file", paramLabel = "FILE", required = true, description = "the tenant's AES-128 key, 32 hex digits")
        Path keyFile;

        @Option(names = "--generate-key", description = "make a fresh key and write it to --key-file (which must not exist), for the tenant")
        boolean generateKey;

        @Override
        void validate() {
            SlotName.parse(slot);
            policy();
            if (capacity < 1 || capacity > FreeAreaSlots.MAX_CAPACITY) {
                throw new IllegalArgumentException("--capacity is 1 to " + FreeAreaSlots.MAX_CAPACITY + ", not " + capacity);
            }
            if (generateKey && Files.exists(keyFile)) {
                throw new IllegalArgumentException(keyFile + " exists; --generate-key never overwrites a key");
            }
            if (!generateKey && !Files.isReadable(keyFile)) {
                throw new IllegalArgumentException("cannot read the tenant key file " + keyFile + " (or give --generate-key)");
            }
        }

        @Override
        int run(FreeAreaSlots slots, PrintWriter out) throws IOException {
            SlotName name = SlotName.parse(slot);
            TenantKey key = generateKey ? generatedKey() : TenantKey.read(keyFile);
            slots.create(name, policy(), capacity, key);
            out.printf("added slot %s (%s read, %d bytes)%s%n", name, read.toLowerCase(Locale.ROOT), capacity,
                    generateKey ? "; tenant key written to " + keyFile : "");
            return 0;
        }

        private ReadPolicy policy() {
            try {
                return ReadPolicy.valueOf(read.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--read is open or keyed, not " + read);
            }
        }

        /** A fresh key, written owner-only before it goes to the card: a key on the card and nowhere else is lost. */
        private TenantKey generatedKey() throws IOException {
            byte[] material = new byte[TenantKey.LENGTH];
            RANDOM.nextBytes(material);
            try {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(keyFile, HexFormat.of().formatHex(material) + "\n");
                return TenantKey.of(material);
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a tenant's slot, its key and its data.")
    static final class Remove extends AuditedSlotCommand {
        @Parameters(index = "0", paramLabel = "TENANT:SERVICE")
        String slot;

        @Override
        String slotName() {
            return slot;
        }

        @Override
        void validate() {
            SlotName.parse(slot);
        }

        @Override
        int run(FreeAreaSlots slots, PrintWriter out) {
            SlotName name = SlotName.parse(slot);
            slots.delete(name);
            out.printf("removed slot %s%n", name);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every slot on the card and the room left.")
    static final class List extends SlotCommand {
        @Override
        int run(FreeAreaSlots slots, PrintWriter out) {
            FreeAreaListing listing = slots.list();
            for (SlotInfo slot : listing.slots()) {
                out.printf("%-14s %-5s %4d of %4d bytes%n", slot.name(), slot.policy().name().toLowerCase(Locale.ROOT), slot.size(), slot.capacity());
            }
            out.printf("free: %d bytes in one run, %d of %d slot entries%n", listing.largestFreeRun(), listing.freeEntries(),
                    listing.freeEntries() + listing.slots().size());
            return 0;
        }
    }
}
