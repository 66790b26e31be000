package jp.mynacard.host.card;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * One command out, one response back: the byte-level seam the host library stands on. The
 * bottom one talks to a {@link javax.smartcardio.CardChannel} ({@link CardChannelTransport});
 * the others wrap one and add one thing each: counting ({@link CountingTransport}), logging
 * without secrets ({@link LoggingTransport}), 61xx/6Cxx ({@link GetResponseTransport}).
 * {@link ApduChannel} stacks them; a test or a recorder stacks its own.
 */
@FunctionalInterface
public interface ApduTransport {
    /** Sends one command and answers its response; failures are typed {@code MynaCardException}s. */
    ResponseAPDU transmit(CommandAPDU command);
}
