// JavaParse: syntax check of generated Java files, without the Kaitai Struct
// Java runtime (it lives on Maven Central, which is not reachable here), so
// nothing is type-checked: only javac's parser runs.
//
//   java tests/targets/JavaParse.java FILE.java...
//
// Exit status 1 if javac reports any error while parsing.
import com.sun.source.util.JavacTask;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

public class JavaParse {
    public static void main(String[] args) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjects(args);
            JavacTask task = (JavacTask) javac.getTask(null, fm, diags, List.of("-proc:none"), null, units);
            task.parse();
        }
        int errors = 0;
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            System.out.println(d);
            if (d.getKind() == Diagnostic.Kind.ERROR) errors++;
        }
        if (errors > 0) {
            System.out.println(errors + " error(s)");
            System.exit(1);
        }
        System.out.println(args.length + " file(s) parsed");
    }
}
