package io.membank.graph.extract;

import io.membank.llm.ChatSettings;
import io.membank.llm.LlmConfig;
import io.membank.llm.OpenAiChatClient;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Chooses the extractor from configuration: the built-in one unless a model is configured. */
@ApplicationScoped
public class ExtractorProducer {

  private static final Logger LOG = Logger.getLogger(ExtractorProducer.class);

  @Produces
  @ApplicationScoped
  Extractor extractor(LlmConfig config, Tracer tracer) {
    BuiltInExtractor builtIn = new BuiltInExtractor();
    switch (config.extractor()) {
      case "builtin" -> {
        LOG.infof("graph.extractor provider=builtin");
        return builtIn;
      }
      case "openai" -> {
        ChatSettings settings = config.chatSettings();
        LOG.infof(
            "graph.extractor provider=%s model=%s base_url=%s",
            settings.providerName(), settings.model(), settings.baseUrl());
        return new OpenAiExtractor(new OpenAiChatClient(settings, tracer), builtIn);
      }
      default ->
          throw new IllegalStateException(
              "membank.llm.extractor must be builtin or openai, not " + config.extractor());
    }
  }
}
