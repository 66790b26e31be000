package jp.mynacard.kiosk;

import java.time.LocalDate;

/** The basic four attributes the centre recorded for the holder of a user-authentication certificate. */
public record HolderAttributes(String name, LocalDate birthDate, String sex, String address) {
}
