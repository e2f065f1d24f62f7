// What each LanguageTool rule costs on a corpus: milliseconds per rule over every sentence,
// with its category, so the rules repair can never use are seen at their price.
//
//   java -cp "$HOME/.cache/repair/languagetool-6.8/*" bench/LtRuleCost.java [WARM-UP FILE... --] FILE... > costs.tsv
//
// Columns: rule id, category id, milliseconds, matches. Sentence analysis (tokenising,
// tagging, disambiguation) is reported as the row "(analysis)". Each file is one text.
import java.nio.file.*;
import java.util.*;
import org.languagetool.*;
import org.languagetool.rules.*;

public class LtRuleCost {
  public static void main(String[] args) throws Exception {
    JLanguageTool lt = new JLanguageTool(Languages.getLanguageForShortCode("en-US"));
    List<Rule> rules = lt.getAllActiveRules();
    Map<String, long[]> cost = new LinkedHashMap<>();
    Map<String, String> category = new HashMap<>();
    long analysis = 0;
    // Files before "--" warm the JIT and LanguageTool's lazily loaded tables and are not counted.
    int split = Arrays.asList(args).indexOf("--");
    String[][] passes = split < 0 ? new String[][] {args}
        : new String[][] {Arrays.copyOfRange(args, 0, split), Arrays.copyOfRange(args, split + 1, args.length)};
    for (int pass = 0; pass < passes.length; pass++) {
      long began = System.nanoTime();
      cost.clear();
      analysis = 0;
      for (String file : passes[pass]) {
        String text = Files.readString(Path.of(file));
        long t0 = System.nanoTime();
        List<AnalyzedSentence> sentences = lt.analyzeText(text);
        analysis += System.nanoTime() - t0;
        for (Rule rule : rules) {
          long[] c = cost.computeIfAbsent(rule.getId(), k -> new long[2]);
          category.put(rule.getId(), rule.getCategory().getId().toString());
          long t1 = System.nanoTime();
          List<RuleMatch> found = new ArrayList<>();
          if (rule instanceof TextLevelRule) {
            found.addAll(Arrays.asList(((TextLevelRule) rule).match(sentences)));
          } else {
            for (AnalyzedSentence s : sentences) found.addAll(Arrays.asList(rule.match(s)));
          }
          for (RuleMatch m : found) m.getSuggestedReplacements();  // suggestions are made lazily
          c[1] += found.size();
          c[0] += System.nanoTime() - t1;
        }
      }
      System.err.printf("pass %d: %.1f s%n", pass + 1, (System.nanoTime() - began) / 1e9);
    }
    System.out.printf("(analysis)\t-\t%.1f\t0%n", analysis / 1e6);
    for (Map.Entry<String, long[]> e : cost.entrySet()) {
      System.out.printf("%s\t%s\t%.1f\t%d%n", e.getKey(), category.get(e.getKey()), e.getValue()[0] / 1e6, e.getValue()[1]);
    }
  }
}
