package io.membank.search.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words for alphabetic languages, and for Chinese, Japanese and Korean both single characters and
 * bigrams: bigrams rank exact phrases first, unigrams still match a question that shares only
 * characters with the memory ("喝什么茶" finds "我喜欢喝绿茶").
 */
public final class MemoryAnalyzer extends Analyzer {

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    TokenStream stream = new CJKWidthFilter(source);
    stream = new LowerCaseFilter(stream);
    stream =
        new CJKBigramFilter(
            stream,
            CJKBigramFilter.HAN
                | CJKBigramFilter.HIRAGANA
                | CJKBigramFilter.KATAKANA
                | CJKBigramFilter.HANGUL,
            true);
    stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    return new TokenStreamComponents(source, stream);
  }
}
