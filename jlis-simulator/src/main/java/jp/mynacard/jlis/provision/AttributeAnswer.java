package jp.mynacard.jlis.provision;

import java.math.BigInteger;
import jp.mynacard.model.holder.BasicAttributes;

/**
 * The holder's current four attributes and the signature certificate they come from;
 * {@code changed} when that is a replacement of the consented certificate.
 */
public record AttributeAnswer(boolean changed, BasicAttributes attributes, BigInteger certificateSerial) {
}
