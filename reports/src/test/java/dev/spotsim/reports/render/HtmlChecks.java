package dev.spotsim.reports.render;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads a rendered report the way a test needs to: its SVGs as XML documents, and its tags checked for balance. */
final class HtmlChecks {
    private static final Pattern SVG = Pattern.compile("(?s)<svg xmlns=.*?</svg>");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*?(/?)>");
    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "col", "wbr");

    private HtmlChecks() {
    }

    /** Every standalone SVG (the charts and the drain timeline, not the legend swatches), parsed as XML. */
    static List<Document> svgs(String html) throws Exception {
        List<Document> docs = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        while (m.find()) {
            docs.add(factory.newDocumentBuilder().parse(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8))));
        }
        return docs;
    }

    /** Elements of {@code doc} named {@code tag} whose class list contains every one of {@code classes}. */
    static List<Element> byClass(Document doc, String tag, String... classes) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            List<String> have = List.of(e.getAttribute("class").split(" "));
            if (have.containsAll(List.of(classes))) {
                found.add(e);
            }
        }
        return found;
    }

    static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /**
     * Checks that every element outside {@code <style>} and {@code <script>} is closed in order;
     * returns the first problem, or null when the tags balance.
     */
    static String unbalancedTag(String html) {
        String body = html.replaceAll("(?s)<style>.*?</style>", "<style></style>").replaceAll("(?s)(<script[^>]*>).*?</script>", "$1</script>");
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(body);
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            if (VOID.contains(name) || !m.group(3).isEmpty()) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else if (open.isEmpty() || !open.peek().equals(name)) {
                return "</" + name + "> at offset " + m.start() + " closes " + (open.isEmpty() ? "nothing" : "<" + open.peek() + ">");
            } else {
                open.pop();
            }
        }
        return open.isEmpty() ? null : "<" + open.peek() + "> is never closed";
    }

    /** How many times {@code needle} occurs in {@code text}. */
    static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }
}
