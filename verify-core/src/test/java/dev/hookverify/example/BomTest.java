package dev.hookverify.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code verify-bom} lists exactly the modules that are published (every reactor module that does
 * not skip deployment), each at the BOM's own version, and the BOM's version is the build's: a
 * module added to the build and forgotten in the BOM fails here, not in a user's build.
 */
class BomTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void bom_listsEveryPublishedModule_atTheBuildsVersion() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("verify-bom/pom.xml"));
    assertThat(child(bom.getDocumentElement(), "version"))
        .isEqualTo(child(parent.getDocumentElement(), "version"));
    assertThat(bom.getDocumentElement().getElementsByTagName("parent").getLength())
        .as("a BOM with a parent would import the parent's dependencyManagement into users' builds")
        .isZero();

    Set<String> listed = new TreeSet<>();
    Element management =
        (Element) bom.getDocumentElement().getElementsByTagName("dependencyManagement").item(0);
    NodeList dependencies = management.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      assertThat(child(dependency, "groupId")).isEqualTo("dev.hookverify");
      assertThat(child(dependency, "version")).isEqualTo("${project.version}");
      listed.add(child(dependency, "artifactId"));
    }
    assertThat(listed).isEqualTo(published(ROOT, false));
  }

  /** The artifact ids of the jar modules under {@code dir} that deploy. */
  private static Set<String> published(Path dir, boolean skippedAbove) throws Exception {
    Document pom = read(dir.resolve("pom.xml"));
    Element project = pom.getDocumentElement();
    boolean skipped = skippedAbove || "true".equals(property(project, "maven.deploy.skip"));
    Set<String> found = new TreeSet<>();
    String packaging = child(project, "packaging");
    if (!skipped && (packaging == null || packaging.equals("jar"))) {
      found.add(child(project, "artifactId"));
    }
    for (String module : modules(project)) {
      if (!module.equals("verify-bom")) {
        found.addAll(published(dir.resolve(module), skipped));
      }
    }
    return found;
  }

  private static List<String> modules(Element project) {
    List<String> modules = new ArrayList<>();
    NodeList list = project.getElementsByTagName("module");
    for (int i = 0; i < list.getLength(); i++) {
      modules.add(list.item(i).getTextContent().strip());
    }
    return modules;
  }

  private static String property(Element project, String name) {
    Element properties = directChild(project, "properties");
    return properties == null ? null : child(properties, name);
  }

  private static String child(Element element, String name) {
    Element child = directChild(element, name);
    return child == null ? null : child.getTextContent().strip();
  }

  private static Element directChild(Element element, String name) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && n.getNodeName().equals(name)) {
        return (Element) n;
      }
    }
    return null;
  }

  private static Document read(Path pom) throws Exception {
    assertThat(Files.exists(pom)).as(pom.toString()).isTrue();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }
}
