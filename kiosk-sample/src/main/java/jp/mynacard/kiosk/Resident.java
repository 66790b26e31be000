package jp.mynacard.kiosk;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A resident as the municipal register (住民基本台帳) records them: what a 住民票の写し shows.
 *
 * @param residentCode  住民票コード, 11 digits: the register's key; printed only when asked for, so not here
 * @param sex           "male", "female" or "unknown", as the centre answers
 * @param householder   世帯主
 * @param relationship  続柄 (relationship to the householder)
 * @param residentSince 住民となった年月日
 */
public record Resident(String residentCode, String name, LocalDate birthDate, String sex, String address,
                       String householder, String relationship, LocalDate residentSince) {
    public Resident {
        Objects.requireNonNull(residentCode, "residentCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(address, "address");
    }

    /** 男, 女, or 不明: how the certificate prints the sex. */
    public String sexInJapanese() {
        return switch (sex) {
            case "male" -> "男";
            case "female" -> "女";
            default -> "不明";
        };
    }
}
