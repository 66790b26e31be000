package jp.mynacard.perso.cli.counter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.perso.counter.CardCertificates;
import jp.mynacard.perso.counter.CertificateKind;
import jp.mynacard.perso.counter.CounterPin;
import jp.mynacard.perso.journal.CounterAuditLog;

/**
 * What one counter operation did, gathered while it runs (the card read, the certificates named,
 * each step the centre took), so its audit line says as much on failure as on success. Holds
 * serials and names only: there is nothing here to put a secret in.
 */
final class CounterAudit {
    private final String action;
    private String card;
    private String pin;
    private final List<String> certificates = new ArrayList<>();
    private final List<String> newCertificates = new ArrayList<>();
    private final List<String> centre = new ArrayList<>();

    CounterAudit(String action) {
        this.action = action;
    }

    void card(String serial) {
        card = serial;
    }

    void pin(CounterPin which) {
        pin = which.cliName();
    }

    void certificates(CardCertificates serials) {
        certificate(CertificateKind.AUTH, serials.authSerial());
        certificate(CertificateKind.SIGN, serials.signSerial());
    }

    void certificate(CertificateKind kind, BigInteger serial) {
        certificates.add(named(kind, serial));
    }

    void suspended(CertificateKind kind, BigInteger serial) {
        centre.add("suspended " + named(kind, serial));
    }

    void revoked(CertificateKind kind, BigInteger serial, String reason) {
        centre.add("revoked " + named(kind, serial) + " " + reason);
    }

    void issued(CertificateKind kind, BigInteger serial) {
        newCertificates.add(named(kind, serial));
        centre.add("issued " + named(kind, serial));
    }

    CounterAuditLog.Line done() {
        return line(CounterAuditLog.DONE, null);
    }

    CounterAuditLog.Line failed(String reason) {
        return line(CounterAuditLog.FAILED, reason);
    }

    private CounterAuditLog.Line line(String outcome, String reason) {
        return new CounterAuditLog.Line(action, card, pin, null, certificates, newCertificates, centre, outcome, reason);
    }

    private static String named(CertificateKind kind, BigInteger serial) {
        return kind.centreName() + ":" + CardCertificates.hex(serial);
    }
}
