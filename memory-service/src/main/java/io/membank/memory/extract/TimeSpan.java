package io.membank.memory.extract;

import java.time.LocalDate;

/**
 * When something happened, as precisely as the words said it: one day ("yesterday"), a week ("last
 * week": Monday to Sunday), a month or a year. Both ends inclusive.
 *
 * @param from first day
 * @param to last day (equal to {@code from} for one day)
 * @param label the span as the memory's text shows it ({@code 2023-07-02}, {@code week of
 *     2023-06-26}, {@code June 2023}, {@code 2022}; Chinese: {@code 2023年7月2日} …)
 */
public record TimeSpan(LocalDate from, LocalDate to, String label) {}
