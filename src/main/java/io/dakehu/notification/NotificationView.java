package io.dakehu.notification;

import java.time.LocalDateTime;

/**
 * A notice as its recipient reads it, its text rendered in the reader's language.
 *
 * @param link the path inside Dakehu it opens
 * @param read whether the recipient has marked it read (or opened it)
 */
public record NotificationView(long id, String kind, String text, String link, LocalDateTime createdAt, boolean read) {
}
