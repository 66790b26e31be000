package jp.mynacard.jlis.client;

import java.util.List;
import java.util.Map;

/**
 * The centre's answer to a CA rollover: the CA ("auth" or "sign"), its new current generation's
 * number and certificate (PEM), and the two link certificates (PEM): new-with-old (the new key,
 * signed by the old) and old-with-new (the old key, signed by the new).
 */
public record NewCaGeneration(String type, int generation, String certificatePem, List<String> linkPems) {
    public NewCaGeneration {
        linkPems = List.copyOf(linkPems);
    }

    static NewCaGeneration of(Map<String, String> answer, List<String> links) {
        String generation = JsonFields.required(answer, "generation");
        try {
            return new NewCaGeneration(JsonFields.required(answer, "type"), Integer.parseInt(generation),
                    JsonFields.required(answer, "certificate"), links);
        } catch (NumberFormatException e) {
            throw new CentreException(0, "the centre answered a generation that is not a number: " + generation, e);
        }
    }
}
