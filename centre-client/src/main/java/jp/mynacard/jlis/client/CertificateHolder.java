package jp.mynacard.jlis.client;

import java.time.LocalDate;
import java.util.Map;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;

/** Whom the centre issued a certificate to: the four attributes it issued it for. */
public record CertificateHolder(String serial, BasicAttributes attributes) {

    static CertificateHolder of(Map<String, String> answer) {
        try {
            return new CertificateHolder(JsonFields.required(answer, "serial"), new BasicAttributes(
                    JsonFields.required(answer, "name"), LocalDate.parse(JsonFields.required(answer, "birthDate")),
                    Sex.parse(JsonFields.required(answer, "sex")), JsonFields.required(answer, "address")));
        } catch (java.time.format.DateTimeParseException | IllegalArgumentException e) {
            throw new CentreException(0, "the centre's holder record does not parse: " + e.getMessage(), e);
        }
    }
}
