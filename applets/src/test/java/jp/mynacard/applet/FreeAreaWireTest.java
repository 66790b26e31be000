package jp.mynacard.applet;

import static jp.mynacard.applet.WireCard.bytes;
import static jp.mynacard.applet.WireCard.hex;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import jp.mynacard.host.card.Scp03Session;
import jp.mynacard.host.freearea.FreeAreaCard;
import jp.mynacard.host.freearea.FreeAreaListing;
import jp.mynacard.host.freearea.ReadPolicy;
import jp.mynacard.host.freearea.SlotFullException;
import jp.mynacard.host.freearea.SlotInfo;
import jp.mynacard.host.freearea.SlotName;
import jp.mynacard.host.freearea.TenantAuthenticationException;
import jp.mynacard.host.freearea.TenantKey;
import jp.mynacard.host.freearea.TenantSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The free-area AP on the wire (spec §8, docs/free-area.md): every command and status word of
 * the clear, issuer and tenant sets; isolation between three tenants; a full free area.
 */
class FreeAreaWireTest {
    static final SlotName SEAL = new SlotName("131016", 0x0001);
    static final SlotName LIBRARY = new SlotName("131016", 0x0101);
    static final SlotName STAFF = new SlotName("271004", 0x0001);
    static final SlotName ABSENT = new SlotName("999999", 0x0001);
    private static final SecureRandom RANDOM = new SecureRandom();

    static TenantKey newKey() {
        byte[] material = new byte[16];
        RANDOM.nextBytes(material);
        return TenantKey.of(material);
    }

    static WireCard freeAreaCard() {
        WireCard card = new WireCard().install(WireCard.FREE_AREA_AID, FreeAreaApplet.class);
        card.selectFreeArea();
        return card;
    }

    /** CREATE SLOT in plain form: name, policy, capacity, key. */
    static CommandAPDU createSlot(SlotName name, int policy, int capacity, TenantKey key) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(name.encoded());
        data.write(policy);
        data.write(capacity >> 8);
        data.write(capacity);
        data.writeBytes(key.material());
        return new CommandAPDU(0x80, 0xE0, 0, 0, data.toByteArray());
    }

    static CommandAPDU deleteSlot(SlotName name) {
        return new CommandAPDU(0x80, 0xE4, 0, 0, name.encoded());
    }

    static CommandAPDU listSlots() {
        return new CommandAPDU(0x80, 0xCA, 0x00, 0xC3, 256);
    }

    static void create(WireCard card, SlotName name, ReadPolicy policy, int capacity, TenantKey key) {
        card.secureOk(createSlot(name, policy.code(), capacity, key));
    }

    static FreeAreaListing list(WireCard card) {
        return FreeAreaListing.decode(card.secureOk(listSlots()));
    }

    static TenantSession tenant(WireCard card, SlotName name, TenantKey key) {
        return FreeAreaCard.over(card.apdus()).authenticate(name, key);
    }

    static String openReadApdu(SlotName name, int offset) {
        return String.format("80B0%04X08%s00", offset, hex(name.encoded()));
    }

    /** A tenant channel driven by hand, to send any command, right or wrong, and see its raw answer. */
    static final class RawTenant {
        final WireCard card;
        final Scp03Session session;

        RawTenant(WireCard card, SlotName name, TenantKey key) {
            this.card = card;
            byte[] hostChallenge = new byte[8];
            RANDOM.nextBytes(hostChallenge);
            byte[] answer = card.ok(new CommandAPDU(0x80, 0x50, 0x01, 0x00, concat(name.encoded(), hostChallenge), 256));
            session = Scp03Session.derive(key.secretKey(), hostChallenge, Arrays.copyOf(answer, 8));
            assertTrue(session.isCardCryptogram(Arrays.copyOfRange(answer, 8, 16)), "the card holds the slot key");
            assertEquals(0x9000, card.send(session.externalAuthenticate()).getSW());
        }

        ResponseAPDU send(CommandAPDU plain) {
            return card.send(session.wrap(plain));
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Nested
    class ClearCommands {
        @Test
        void getDataAnswersSerialAndStatusAndNothingElse() {
            WireCard card = freeAreaCard();
            assertArrayEquals(ascii(card.serial), card.ok("80CA00C100"));
            assertArrayEquals(bytes("05"), card.ok("80CA00C200"), "operational from install; tries to the issuer only (StatusDisclosureTest)");
            assertAll(
                    () -> assertEquals(0x6A88, card.sw("80CA00C300"), "no listing in the clear"),
                    () -> assertEquals(0x6A88, card.sw("80CA00C400"), "no slot info in the clear"),
                    () -> assertEquals(0x6A86, card.sw("80CA01C100")));
        }

        @Test
        void unknownInstructionsAndClassesAreRefused() {
            WireCard card = freeAreaCard();
            assertAll(
                    () -> assertEquals(0x6D00, card.sw("80E0000000")),
                    () -> assertEquals(0x6D00, card.sw("00B0000000"), "ISO READ BINARY is not ours: slots are named"),
                    () -> assertEquals(0x6E00, card.sw("A0B0000000")),
                    () -> assertEquals(0x6982, card.sw("84E0000010" + "00".repeat(16)), "a secured command with no session"));
        }

        @Test
        void initializeUpdateForATenantChecksItsFraming() {
            WireCard card = freeAreaCard();
            assertAll(
                    () -> assertEquals(0x6700, card.sw("8050010008" + "0102030405060708" + "00"), "slot name missing"),
                    () -> assertEquals(0x6A86, card.sw("8050010110" + hex(SEAL.encoded()) + "0102030405060708" + "00")),
                    () -> assertEquals(0x6A86, card.sw("8050020008" + "0102030405060708" + "00"), "only key 00 issuer, 01 tenant"),
                    () -> assertEquals(0x6700, card.sw("8050000010" + hex(SEAL.encoded()) + "0102030405060708" + "00"), "the issuer's is 8 bytes"));
        }

        @Test
        void openReadGivesAnOpenSlotAndNothingOfAKeyedOrAbsentOne() {
            WireCard card = freeAreaCard();
            TenantKey libraryKey = newKey();
            TenantKey sealKey = newKey();
            create(card, LIBRARY, ReadPolicy.OPEN, 64, libraryKey);
            create(card, SEAL, ReadPolicy.KEYED, 64, sealKey);
            try (TenantSession library = tenant(card, LIBRARY, libraryKey)) {
                library.write(ascii("LIB-0012345678"));
            }
            card.selectFreeArea();
            try (TenantSession seal = tenant(card, SEAL, sealKey)) {
                seal.write(ascii("SEAL-000042"));
            }
            card.selectFreeArea();
            assertArrayEquals(ascii("LIB-0012345678"), card.ok(openReadApdu(LIBRARY, 0)));
            assertArrayEquals(ascii("0012345678"), card.ok(openReadApdu(LIBRARY, 4)), "from an offset");
            assertArrayEquals(new byte[0], card.ok(openReadApdu(LIBRARY, 14)), "at the end: nothing");
            assertAll(
                    () -> assertEquals(0x6B00, card.sw(openReadApdu(LIBRARY, 15)), "past the end"),
                    () -> assertEquals(0x6A88, card.sw(openReadApdu(SEAL, 0)), "keyed: as if absent"),
                    () -> assertEquals(0x6A88, card.sw(openReadApdu(ABSENT, 0))),
                    () -> assertEquals(0x6A88, card.sw(openReadApdu(SEAL, 40)), "a keyed slot's size does not show either"),
                    () -> assertEquals(0x6700, card.sw("80B0000006313331303136" + "00"), "a name is 8 bytes"));
            assertArrayEquals(ascii("LIB-0012345678"), FreeAreaCard.over(card.apdus()).readOpen(LIBRARY));
        }
    }

    @Nested
    class IssuerCommands {
        @Test
        void createListAndDeleteASlot() {
            WireCard card = freeAreaCard();
            FreeAreaListing empty = list(card);
            assertEquals(new FreeAreaListing(4096, 4096, 8, java.util.List.of()), empty);
            create(card, SEAL, ReadPolicy.KEYED, 300, newKey());
            create(card, LIBRARY, ReadPolicy.OPEN, 100, newKey());
            FreeAreaListing listing = list(card);
            assertEquals(java.util.List.of(new SlotInfo(SEAL, ReadPolicy.KEYED, 300, 0), new SlotInfo(LIBRARY, ReadPolicy.OPEN, 100, 0)),
                    listing.slots());
            assertEquals(6, listing.freeEntries());
            assertEquals(4096 - 400, listing.largestFreeRun());

            card.secureOk(deleteSlot(SEAL));
            assertEquals(java.util.List.of(new SlotInfo(LIBRARY, ReadPolicy.OPEN, 100, 0)), list(card).slots());
            assertEquals(0x6A88, card.secure(deleteSlot(SEAL)).getSW(), "deleted already");
            assertEquals(4096 - 400, list(card).largestFreeRun(), "the freed 300 bytes lie before the library slot");
            create(card, STAFF, ReadPolicy.KEYED, 300, newKey());
            assertEquals(4096 - 400, list(card).largestFreeRun(), "first fit reuses the hole");
        }

        @Test
        void createRefusesBadDataAndATakenNameWithNothingChanged() {
            WireCard card = freeAreaCard();
            TenantKey key = newKey();
            create(card, SEAL, ReadPolicy.KEYED, 64, key);
            byte[] badTenant = createSlot(SEAL, 1, 64, key).getData();
            badTenant[0] = 0x20;
            assertAll(
                    () -> assertEquals(0x6A89, card.secure(createSlot(SEAL, 0, 64, newKey())).getSW(), "name taken"),
                    () -> assertEquals(0x6A80, card.secure(createSlot(LIBRARY, 2, 64, key)).getSW(), "policy 00 or 01 only"),
                    () -> assertEquals(0x6A80, card.secure(createSlot(LIBRARY, 0, 0, key)).getSW(), "capacity 0"),
                    () -> assertEquals(0x6A80, card.secure(createSlot(LIBRARY, 0, 1025, key)).getSW(), "over 1 KB"),
                    () -> assertEquals(0x6A80, card.secure(new CommandAPDU(0x80, 0xE0, 0, 0, badTenant)).getSW(), "tenant id not printable"),
                    () -> assertEquals(0x6700, card.secure(new CommandAPDU(0x80, 0xE0, 0, 0, Arrays.copyOf(badTenant, 26))).getSW()),
                    () -> assertEquals(0x6A86, card.secure(new CommandAPDU(0x80, 0xE0, 0, 1, createSlot(STAFF, 0, 64, key).getData())).getSW()),
                    () -> assertEquals(0x6700, card.secure(new CommandAPDU(0x80, 0xE4, 0, 0, Arrays.copyOf(SEAL.encoded(), 7))).getSW()),
                    () -> assertEquals(0x6A86, card.secure(new CommandAPDU(0x80, 0xE4, 1, 0, SEAL.encoded())).getSW()),
                    () -> assertEquals(0x6A88, card.secure(new CommandAPDU(0x80, 0xCA, 0, 0xC4, 256)).getSW(), "slot info is the tenant's"),
                    () -> assertEquals(0x6D00, card.secure(new CommandAPDU(0x80, 0x44, 0, 0)).getSW(), "no LOCK in the free area"));
            assertEquals(java.util.List.of(new SlotInfo(SEAL, ReadPolicy.KEYED, 64, 0)), list(card).slots());
            try (TenantSession seal = tenant(card, SEAL, key)) {
                assertEquals(64, seal.info().capacity(), "the first key still opens the slot");
            }
        }

        @Test
        void forgedIssuerAuthenticationsShutTheIssuerChannelOnlyUntilTheCardIsReset() {
            WireCard card = freeAreaCard();
            for (int i = 0; i < 10; i++) {
                card.send("8050000008" + "0102030405060708" + "00");
                assertNotEquals(0x9000, card.send("8482000010" + hex(newKey().material())).getSW(), "forged " + i);
            }
            assertEquals(0x6983, card.sw("8050000008" + "0102030405060708" + "00"), "shut for the rest of this power-up");
            card.reset();
            card.selectFreeArea();
            create(card, SEAL, ReadPolicy.KEYED, 64, newKey());
            assertEquals(java.util.List.of(new SlotInfo(SEAL, ReadPolicy.KEYED, 64, 0)), list(card).slots());
        }

        @Test
        void theIssuerCannotReadOrWriteASlot() {
            WireCard card = freeAreaCard();
            create(card, SEAL, ReadPolicy.KEYED, 64, newKey());
            assertAll(
                    () -> assertEquals(0x6982, card.secure(new CommandAPDU(0x80, 0xB0, 0, 0, 256)).getSW()),
                    () -> assertEquals(0x6982, card.secure(new CommandAPDU(0x80, 0xD6, 0, 0, bytes("000041"))).getSW()));
        }

        @Test
        void aKeyCrossesTheWireOnlyEncrypted() {
            WireCard card = freeAreaCard();
            byte[] material = bytes("00112233445566778899AABBCCDDEEFF");
            card.trace.clear();
            create(card, SEAL, ReadPolicy.KEYED, 64, TenantKey.of(material));
            for (byte[] apdu : card.trace) {
                assertFalse(hex(apdu).contains("2233445566778899AABB"), "the slot key in clear on the wire");
            }
        }
    }

    @Nested
    class TenantCommands {
        @Test
        void writeInfoAndReadRoundTripUpToOneKilobyte() {
            WireCard card = freeAreaCard();
            TenantKey key = newKey();
            create(card, SEAL, ReadPolicy.KEYED, 1024, key);
            byte[] content = new byte[1024];
            RANDOM.nextBytes(content);
            try (TenantSession seal = tenant(card, SEAL, key)) {
                assertEquals(new SlotInfo(SEAL, ReadPolicy.KEYED, 1024, 0), seal.info());
                assertArrayEquals(new byte[0], seal.read());
                seal.write(content);
                assertEquals(1024, seal.info().size());
                assertArrayEquals(content, seal.read());
                seal.write(ascii("short"));
                assertArrayEquals(ascii("short"), seal.read(), "a write replaces the content");
            }
        }

        @Test
        void aKeyedSlotIsReadEncryptedAndAnOpenOneWithItsRmacOnly() {
            WireCard card = freeAreaCard();
            TenantKey sealKey = newKey();
            TenantKey libraryKey = newKey();
            create(card, SEAL, ReadPolicy.KEYED, 64, sealKey);
            create(card, LIBRARY, ReadPolicy.OPEN, 64, libraryKey);
            byte[] secret = ascii("SEAL-REGISTRATION-0042");
            try (TenantSession seal = tenant(card, SEAL, sealKey)) {
                seal.write(secret);
                card.trace.clear();
                assertArrayEquals(secret, seal.read());
            }
            for (byte[] apdu : card.trace) {
                assertFalse(hex(apdu).contains(hex(Arrays.copyOf(secret, 8))), "keyed data in clear on the wire");
            }
            card.selectFreeArea();
            RawTenant library = new RawTenant(card, LIBRARY, libraryKey);
            assertEquals(0x9000, library.send(new CommandAPDU(0x80, 0xD6, 0, 0, concat(bytes("0000"), ascii("LIB-7")))).getSW());
            ResponseAPDU read = library.send(new CommandAPDU(0x80, 0xB0, 0, 0, 256));
            assertEquals(0x9000, read.getSW());
            assertEquals(5 + 8, read.getData().length, "open: data and R-MAC");
            assertArrayEquals(ascii("LIB-7"), library.session.unwrap(read, false));
        }

        @Test
        void statusWordsOfTheTenantSet() {
            WireCard card = freeAreaCard();
            TenantKey key = newKey();
            create(card, SEAL, ReadPolicy.KEYED, 16, key);
            RawTenant seal = new RawTenant(card, SEAL, key);
            assertAll(
                    () -> assertEquals(0x9000, seal.send(new CommandAPDU(0x80, 0xD6, 0, 0, concat(bytes("0000"), ascii("0123456789")))).getSW()),
                    () -> assertEquals(0x6A84, seal.send(new CommandAPDU(0x80, 0xD6, 0, 0, concat(bytes("0000"), new byte[17]))).getSW(), "over capacity"),
                    () -> assertEquals(0x6A84, seal.send(new CommandAPDU(0x80, 0xD6, 0, 0, concat(bytes("000A"), new byte[7]))).getSW(), "offset + length over capacity"),
                    () -> assertEquals(0x6A84, seal.send(new CommandAPDU(0x80, 0xD6, 0, 0, concat(bytes("0011"), new byte[0]))).getSW(), "offset over capacity"),
                    () -> assertEquals(0x6A86, seal.send(new CommandAPDU(0x80, 0xD6, 0, 1, concat(bytes("0000"), new byte[1]))).getSW()),
                    () -> assertEquals(0x6700, seal.send(new CommandAPDU(0x80, 0xD6, 0, 0, bytes("00"))).getSW(), "no offset"),
                    () -> assertEquals(0x6B00, seal.send(new CommandAPDU(0x80, 0xB0, 0, 11, 256)).getSW(), "read past the end"),
                    () -> assertEquals(0x6700, seal.send(new CommandAPDU(0x80, 0xB0, 0, 0, bytes("00"), 256)).getSW(), "READ has no data"),
                    () -> assertEquals(0x6A88, seal.send(new CommandAPDU(0x80, 0xCA, 0, 0xC3, 256)).getSW(), "no listing for a tenant"),
                    () -> assertEquals(0x6982, seal.send(createSlot(STAFF, 0, 16, key)).getSW(), "tenants create nothing"),
                    () -> assertEquals(0x6982, seal.send(deleteSlot(SEAL)).getSW(), "nor delete"),
                    () -> assertEquals(0x6D00, seal.send(new CommandAPDU(0x80, 0x44, 0, 0)).getSW()));
            ResponseAPDU info = seal.send(new CommandAPDU(0x80, 0xCA, 0, 0xC4, 256));
            assertArrayEquals(bytes("01 0010 000A"), seal.session.unwrap(info, false), "keyed, 16 bytes, 10 in use: the refused writes left it");
            ResponseAPDU read = seal.send(new CommandAPDU(0x80, 0xB0, 0, 0, 256));
            assertArrayEquals(ascii("0123456789"), seal.session.unwrap(read, true));
        }

        @Test
        void aReplayedOrAlteredCommandEndsTheSession() {
            WireCard card = freeAreaCard();
            TenantKey key = newKey();
            create(card, SEAL, ReadPolicy.KEYED, 64, key);
            RawTenant seal = new RawTenant(card, SEAL, key);
            CommandAPDU write = seal.session.wrap(new CommandAPDU(0x80, 0xD6, 0, 0, concat(bytes("0000"), ascii("first"))));
            assertEquals(0x9000, card.send(write).getSW());
            assertEquals(0x6988, card.send(write).getSW(), "replayed");
            assertEquals(0x6982, seal.send(new CommandAPDU(0x80, 0xCA, 0, 0xC4, 256)).getSW(), "the session is gone");

            RawTenant again = new RawTenant(card, SEAL, key);
            byte[] altered = again.session.wrap(new CommandAPDU(0x80, 0xD6, 0, 0, concat(bytes("0000"), ascii("second")))).getBytes();
            altered[7] ^= 1;
            assertEquals(0x6988, card.send(altered).getSW(), "altered");
            card.selectFreeArea();
            try (TenantSession check = tenant(card, SEAL, key)) {
                assertArrayEquals(ascii("first"), check.read());
            }
        }

        @Test
        void reselectionOrResetEndsTheSession() {
            WireCard card = freeAreaCard();
            TenantKey key = newKey();
            create(card, SEAL, ReadPolicy.KEYED, 64, key);
            RawTenant seal = new RawTenant(card, SEAL, key);
            card.selectFreeArea();
            assertEquals(0x6982, seal.send(new CommandAPDU(0x80, 0xCA, 0, 0xC4, 256)).getSW());
            RawTenant next = new RawTenant(card, SEAL, key);
            card.reset();
            card.selectFreeArea();
            assertEquals(0x6982, next.send(new CommandAPDU(0x80, 0xCA, 0, 0xC4, 256)).getSW());
        }

        @Test
        void externalAuthenticateWithoutItsInitializeUpdateGoesNowhere() {
            WireCard card = freeAreaCard();
            assertEquals(0x6985, card.sw("8482000010" + "00".repeat(16)), "nothing initialized");
            card.ok("8050010010" + hex(SEAL.encoded()) + "0102030405060708" + "00");
            assertEquals(0x6700, card.sw("8482000008" + "00".repeat(8)));
        }
    }

    /** Three tenants on one card: 千代田区's seal registration (keyed), its library (open), a staff ID of 大阪市 (keyed). */
    @Nested
    class Isolation {
        final WireCard card = freeAreaCard();
        final TenantKey sealKey = newKey();
        final TenantKey libraryKey = newKey();
        final TenantKey staffKey = newKey();

        Isolation() {
            create(card, SEAL, ReadPolicy.KEYED, 128, sealKey);
            create(card, LIBRARY, ReadPolicy.OPEN, 128, libraryKey);
            create(card, STAFF, ReadPolicy.KEYED, 128, staffKey);
            write(SEAL, sealKey, "SEAL-000042");
            write(LIBRARY, libraryKey, "LIB-0012345678");
            write(STAFF, staffKey, "STAFF-OSAKA-7");
        }

        void write(SlotName name, TenantKey key, String content) {
            card.selectFreeArea();
            try (TenantSession session = tenant(card, name, key)) {
                session.write(ascii(content));
            }
        }

        String read(SlotName name, TenantKey key) {
            card.selectFreeArea();
            try (TenantSession session = tenant(card, name, key)) {
                return new String(session.read(), StandardCharsets.US_ASCII);
            }
        }

        @Test
        void noTenantOpensAnotherTenantsSlotWithItsOwnKey() {
            for (SlotName slot : new SlotName[] {SEAL, LIBRARY, STAFF}) {
                for (TenantKey key : new TenantKey[] {sealKey, libraryKey, staffKey}) {
                    boolean own = (slot == SEAL && key == sealKey) || (slot == LIBRARY && key == libraryKey) || (slot == STAFF && key == staffKey);
                    card.selectFreeArea();
                    if (own) {
                        tenant(card, slot, key).close();
                    } else {
                        assertThrows(TenantAuthenticationException.class, () -> tenant(card, slot, key), slot + " opened by another key");
                    }
                }
            }
        }

        @Test
        void eachTenantsWritesChangeItsOwnSlotOnly() {
            write(STAFF, staffKey, "STAFF-OSAKA-8");
            write(SEAL, sealKey, "SEAL-000043");
            assertEquals("SEAL-000043", read(SEAL, sealKey));
            assertEquals("LIB-0012345678", read(LIBRARY, libraryKey));
            assertEquals("STAFF-OSAKA-8", read(STAFF, staffKey));
        }

        /**
         * Another tenant's slot and a slot that does not exist answer alike at every step: the
         * INITIALIZE UPDATE's shape, an EXTERNAL AUTHENTICATE with a guessed cryptogram, the open
         * read. What differs is only what the right key can compute.
         */
        @Test
        void anotherTenantsSlotLooksExactlyLikeNoSlot() {
            for (SlotName probed : new SlotName[] {SEAL, ABSENT}) {
                card.selectFreeArea();
                ResponseAPDU init = card.send(new CommandAPDU(0x80, 0x50, 0x01, 0x00, concat(probed.encoded(), bytes("0102030405060708")), 256));
                assertEquals(0x9000, init.getSW(), probed.toString());
                assertEquals(16, init.getData().length, probed.toString());
                Scp03Session guess = Scp03Session.derive(staffKey.secretKey(), bytes("0102030405060708"), Arrays.copyOf(init.getData(), 8));
                assertFalse(guess.isCardCryptogram(Arrays.copyOfRange(init.getData(), 8, 16)), probed + ": the staff key does not fit");
                assertEquals(0x6300, card.send(guess.externalAuthenticate()).getSW(), probed.toString());
                assertEquals(0x6982, card.send(guess.wrap(new CommandAPDU(0x80, 0xB0, 0, 0, 256))).getSW(), probed + ": no session after it");
                assertEquals(0x6A88, card.sw(openReadApdu(probed, 0)), probed.toString());
            }
            TenantAuthenticationException other = assertThrows(TenantAuthenticationException.class, () -> tenant(card, SEAL, staffKey));
            TenantAuthenticationException none = assertThrows(TenantAuthenticationException.class, () -> tenant(card, ABSENT, staffKey));
            assertEquals(none.statusWord(), other.statusWord());
            assertEquals(none.getMessage().replace(ABSENT.toString(), "X"), other.getMessage().replace(SEAL.toString(), "X"));
        }

        @Test
        void aTenantsCommandsCarryNoSlotNameSoTheyReachOnlyItsOwn() {
            RawTenant staff;
            card.selectFreeArea();
            staff = new RawTenant(card, STAFF, staffKey);
            // the name of another slot appended to a WRITE is just content of the staff slot
            assertEquals(0x9000, staff.send(new CommandAPDU(0x80, 0xD6, 0, 0, concat(bytes("0000"), SEAL.encoded()))).getSW());
            assertArrayEquals(SEAL.encoded(), staff.session.unwrap(staff.send(new CommandAPDU(0x80, 0xB0, 0, 0, 256)), true));
            assertEquals("SEAL-000042", read(SEAL, sealKey));
        }

        @Test
        void aDeletedAndRecreatedSlotDoesNotOpenWithTheOldKeyNorShowTheOldData() {
            card.selectFreeArea();
            card.secureOk(deleteSlot(SEAL));
            TenantKey newSealKey = newKey();
            create(card, SEAL, ReadPolicy.KEYED, 128, newSealKey);
            card.selectFreeArea();
            assertThrows(TenantAuthenticationException.class, () -> tenant(card, SEAL, sealKey));
            assertEquals("", read(SEAL, newSealKey));
            assertEquals("LIB-0012345678", read(LIBRARY, libraryKey));
            assertEquals("STAFF-OSAKA-7", read(STAFF, staffKey));
        }
    }

    @Nested
    class FullFreeArea {
        @Test
        void aSlotTheAreaCannotHoldIsRefusedWith6A84AndEverySlotStaysIntact() {
            WireCard card = freeAreaCard();
            TenantKey[] keys = new TenantKey[4];
            byte[][] contents = new byte[4][];
            for (int i = 0; i < 4; i++) {
                keys[i] = newKey();
                create(card, new SlotName("13101" + i, 1), ReadPolicy.KEYED, 1024, keys[i]);
                contents[i] = new byte[1000 + i];
                RANDOM.nextBytes(contents[i]);
                card.selectFreeArea();
                try (TenantSession session = tenant(card, new SlotName("13101" + i, 1), keys[i])) {
                    session.write(contents[i]);
                }
            }
            card.selectFreeArea();
            FreeAreaListing before = list(card);
            assertEquals(0, before.largestFreeRun());

            ResponseAPDU refused = card.secure(createSlot(new SlotName("131099", 1), 0, 1, newKey()));
            assertEquals(0x6A84, refused.getSW(), "one byte more than the area holds");
            assertEquals(before, list(card), "the table is as it was");
            card.secureOk(deleteSlot(new SlotName("131011", 1)));
            create(card, new SlotName("131099", 1), ReadPolicy.OPEN, 1, newKey());
            assertEquals(1023, list(card).largestFreeRun(), "the new slot took the start of the freed run");
            for (int i = 0; i < 4; i++) {
                if (i == 1) {
                    continue;
                }
                card.selectFreeArea();
                try (TenantSession session = tenant(card, new SlotName("13101" + i, 1), keys[i])) {
                    assertArrayEquals(contents[i], session.read(), "slot " + i + " intact");
                }
            }
        }

        @Test
        void aFullTableIsRefusedWith6A84Too() {
            WireCard card = freeAreaCard();
            for (int i = 0; i < 8; i++) {
                create(card, new SlotName("27100" + i, 1), ReadPolicy.OPEN, 16, newKey());
            }
            assertEquals(0x6A84, card.secure(createSlot(new SlotName("271009", 1), 0, 16, newKey())).getSW());
            assertEquals(8, list(card).slots().size());
            assertEquals(0, list(card).freeEntries());
            assertEquals(4096 - 128, list(card).largestFreeRun(), "space is left, entries are not");
        }

        @Test
        void dataBeyondASlotsCapacityIsRefusedBeforeAndOnTheCard() {
            WireCard card = freeAreaCard();
            TenantKey key = newKey();
            create(card, SEAL, ReadPolicy.KEYED, 300, key);
            try (TenantSession seal = tenant(card, SEAL, key)) {
                seal.write(ascii("SEAL-000042"));
                SlotFullException early = assertThrows(SlotFullException.class, () -> seal.write(new byte[301]));
                assertEquals(0x6A84, early.statusWord());
                SlotFullException onCard = assertThrows(SlotFullException.class, () -> seal.writeAt(237, new byte[64]));
                assertEquals(0x6A84, onCard.statusWord());
                assertTrue(onCard.getMessage().contains("nothing written"), onCard.getMessage());
                assertArrayEquals(ascii("SEAL-000042"), seal.read());
            }
        }
    }
}
