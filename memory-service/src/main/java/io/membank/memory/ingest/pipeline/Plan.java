package io.membank.memory.ingest.pipeline;

import io.membank.memory.decide.Decision;
import io.membank.memory.similar.SimilarMemories;
import java.util.List;

/**
 * What a job will do, decided under the user's lock.
 *
 * @param decisions one per candidate fact, in order
 * @param similarSource who named the similar memories compared with
 * @param recentCompared how many of the user's recent memories were compared with
 * @param similarCompared how many older memories search-service found similar were compared with
 */
public record Plan(
    List<Decision> decisions,
    SimilarMemories.Source similarSource,
    int recentCompared,
    int similarCompared) {}
