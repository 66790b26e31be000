package jp.mynacard.perso.cli.freearea;

import jp.mynacard.perso.channel.IssuerMasterKey;
import jp.mynacard.perso.cli.options.IssuerKeyOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the counter's commands find the card and the issuer master key. */
final class CounterOptions {
    @Option(names = "--reader", paramLabel = "NAME", description = "the PC/SC reader (part of its name); default: the one with a card")
    String reader;

    @Mixin
    IssuerKeyOptions keys = new IssuerKeyOptions();

    IssuerMasterKey masterKey() {
        return keys.masterKey(IssuerKeyOptions.processSecrets());
    }
}
