package io.dakehu.notification;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a user wants by e-mail.
 *
 * @param language the language their e-mails are written in
 * @param mailOptOuts the kinds of notice they do not want by e-mail
 * @param kinds the kinds they may opt out of: those Dakehu knows, those they have
 * received and those they opted out of before, in order
 */
public record NoticeSettings(Locale language, Set<String> mailOptOuts, List<String> kinds) {
}
