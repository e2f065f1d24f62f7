// Prints every word of a LanguageTool speller dictionary (a morfologik FSA on the class
// path), one per line: the vocabulary repair's own suggestion search draws on
// (repair/grammar/speller.py). Run as a single-file program:
//   java -cp "JARS/*" DumpWords.java /org/languagetool/resource/en/hunspell/en_US.dict
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import morfologik.stemming.Dictionary;

public class DumpWords {
  public static void main(String[] args) throws Exception {
    Dictionary dict = Dictionary.read(DumpWords.class.getResource(args[0]));
    Charset charset = Charset.forName(dict.metadata.getEncoding());
    byte separator = dict.metadata.getSeparator();
    try (PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, StandardCharsets.UTF_8)) {
      for (ByteBuffer entry : dict.fsa) {
        byte[] bytes = new byte[entry.remaining()];
        entry.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != separator) end++;  // the word, less its frequency
        out.println(new String(bytes, 0, end, charset));
      }
    }
  }
}
