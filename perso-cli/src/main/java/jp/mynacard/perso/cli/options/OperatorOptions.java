package jp.mynacard.perso.cli.options;

import java.time.Clock;
import jp.mynacard.perso.journal.OperatorCredential;
import picocli.CommandLine.Option;

/**
 * Who runs an operation, for its audit log (a picocli mixin shared by {@code perso issue} and the
 * counter verbs): the operator credential in the issuer's keystore or token, which signs every
 * audit line, or else a name taken at its word.
 */
public final class OperatorOptions {
    @Option(names = "--operator-alias", paramLabel = "ALIAS",
            description = "the operator's credential (key and certificate) in the issuer's keystore or token: its CN is the"
                    + " audit log's operator and every audit line is signed with its key")
    String operatorAlias;

    @Option(names = "--operator", paramLabel = "ID",
            description = "without --operator-alias: who runs the operation, for the audit log, unsigned (default: the login name)")
    String operator;

    /** The operator's proven identity from {@code keys}' store, or null when the audit log takes {@link #name()}'s word. */
    public OperatorCredential credential(IssuerKeyOptions keys, IssuerKeyOptions.Secrets secrets, Clock clock) {
        if (operatorAlias == null) {
            return null;
        }
        if (operator != null) {
            throw new IllegalArgumentException("--operator-alias names the operator (its certificate's CN): drop --operator");
        }
        if (!keys.given()) {
            throw new IllegalArgumentException("--operator-alias needs the keystore or token it is in: --master-key or --pkcs11-config");
        }
        return keys.operator(secrets, operatorAlias, clock);
    }

    /** The unsigned operator: --operator, else the login name. */
    public String name() {
        return operator != null ? operator : System.getProperty("user.name");
    }
}
