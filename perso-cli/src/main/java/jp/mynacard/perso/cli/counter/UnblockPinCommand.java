package jp.mynacard.perso.cli.counter;

import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import jp.mynacard.perso.counter.CounterPin;
import jp.mynacard.perso.counter.PinUnblock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "unblock-pin", mixinStandardHelpOptions = true,
        description = "Set a new PIN after the clerk confirmed the holder's identity; restores its tries, also when blocked.")
public final class UnblockPinCommand extends CounterVerb {
    static final String NEW_PIN_VARIABLE = "MYNACARD_NEW_PIN";

    @Mixin
    CardConnection card;

    @Option(names = "--pin", required = true, paramLabel = "auth|sign|input-helper", description = "which PIN")
    String pin;

    @Override
    IssuerKeyOptions keys() {
        return card.keys;
    }

    @Override
    void run(CounterAudit audit) {
        CounterPin which = CounterPin.fromCliName(pin);
        audit.pin(which);
        char[] newPin = secrets.readNew("new " + which.label().replace("the ", ""), NEW_PIN_VARIABLE);
        try {
            which.checkFormat(newPin); // before the keystore and the card are touched
            IssuerMasterKey master = card.master(secrets);
            try (ApduChannel channel = card.open()) {
                audit.card(CardSerial.read(channel));
                new PinUnblock(channel, master).reset(which, newPin);
            }
        } finally {
            java.util.Arrays.fill(newPin, '\0');
        }
        out().println("reset " + which.label() + "; its try counter is full");
    }
}
