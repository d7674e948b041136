package io.membank.memory.extract;

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
    if (!"openai".equals(config.extractor())) {
      LOG.infof("memory.extractor provider=builtin");
      return builtIn;
    }
    ChatSettings settings = config.chatSettings();
    LOG.infof(
        "memory.extractor provider=%s model=%s base_url=%s",
        settings.providerName(), settings.model(), settings.baseUrl());
    return new OpenAiExtractor(new OpenAiChatClient(settings, tracer), builtIn);
  }
}
