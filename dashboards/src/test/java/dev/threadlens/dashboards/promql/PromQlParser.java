package dev.threadlens.dashboards.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for the PromQL the dashboards and rules use: selectors, ranges,
 * subqueries, functions, aggregations with {@code by}/{@code without}, binary operators with
 * {@code bool}, {@code on}/{@code ignoring} and {@code group_left}/{@code group_right}. Grafana
 * variables may stand for a range ({@code [$__rate_interval]}) and appear inside label values.
 * Anything else ({@code offset}, {@code @}) is rejected with a message, which keeps the
 * dashboards to the subset the linter understands.
 */
public final class PromQlParser {

    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev",
            "stdvar", "topk", "bottomk", "count_values", "quantile", "limitk", "limit_ratio");
    private static final Set<String> PARAMETERISED = Set.of("topk", "bottomk", "count_values", "quantile", "limitk",
            "limit_ratio");
    private static final List<Set<String>> PRECEDENCE = List.of(
            Set.of("or"),
            Set.of("and", "unless"),
            Set.of("==", "!=", "<=", "<", ">=", ">"),
            Set.of("+", "-"),
            Set.of("*", "/", "%", "atan2"),
            Set.of("^"));
    private static final Set<String> COMPARISONS = PRECEDENCE.get(2);

    private final String source;
    private final List<Token> tokens;
    private int pos;

    private PromQlParser(String source) {
        this.source = source;
        this.tokens = new Lexer(source).tokens();
    }

    /** Parses {@code source}; throws {@link PromQlException} naming the position on any problem. */
    public static Expr parse(String source) {
        PromQlParser parser = new PromQlParser(source);
        Expr expr = parser.expression(0);
        if (parser.peek().kind != Kind.EOF) {
            throw parser.error("unexpected '" + parser.peek().text + "'");
        }
        return expr;
    }

    private Expr expression(int level) {
        if (level == PRECEDENCE.size()) {
            return unary();
        }
        Expr left = expression(level + 1);
        while (isOperator(peek(), PRECEDENCE.get(level))) {
            String op = next().text.toLowerCase(Locale.ROOT);
            boolean bool = false;
            if (peekIdent("bool")) {
                if (!COMPARISONS.contains(op)) {
                    throw error("'bool' only follows a comparison");
                }
                next();
                bool = true;
            }
            Expr.VectorMatching matching = vectorMatching();
            // ^ is right-associative: parse its right side at the same level.
            Expr right = op.equals("^") ? expression(level) : expression(level + 1);
            left = new Expr.Binary(op, left, right, bool, matching);
            if (op.equals("^")) {
                break;
            }
        }
        return left;
    }

    private Expr.VectorMatching vectorMatching() {
        if (!peekIdent("on") && !peekIdent("ignoring")) {
            return null;
        }
        boolean on = next().text.equals("on");
        List<String> labels = labelList();
        String group = null;
        List<String> include = List.of();
        if (peekIdent("group_left") || peekIdent("group_right")) {
            group = next().text;
            if (peek().kind == Kind.LPAREN) {
                include = labelList();
            }
        }
        return new Expr.VectorMatching(on, labels, group, include);
    }

    private Expr unary() {
        if (peek().kind == Kind.OP && (peek().text.equals("-") || peek().text.equals("+"))) {
            String op = next().text;
            return new Expr.Unary(op, unary());
        }
        return postfix(primary());
    }

    private Expr postfix(Expr expr) {
        if (peek().kind != Kind.LBRACKET) {
            if (peekIdent("offset") || (peek().kind == Kind.OP && peek().text.equals("@"))) {
                throw error("'" + peek().text + "' modifiers are not used in threadlens queries");
            }
            return expr;
        }
        next();
        String range = duration();
        Expr result;
        if (peek().kind == Kind.COLON) {
            next();
            String step = peek().kind == Kind.RBRACKET ? "" : duration();
            result = new Expr.Subquery(expr, range, step);
        } else {
            if (!(expr instanceof Expr.Selector selector)) {
                throw error("a range [" + range + "] needs a plain selector before it (or a subquery [range:step])");
            }
            result = new Expr.Matrix(selector, range);
        }
        expect(Kind.RBRACKET, "']'");
        return postfix(result);
    }

    private String duration() {
        Token t = next();
        if (t.kind != Kind.DURATION && t.kind != Kind.VARIABLE) {
            throw error("expected a duration or a variable, found '" + t.text + "'");
        }
        return t.text;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind) {
            case NUMBER:
                next();
                return new Expr.NumberLiteral(Double.parseDouble(t.text));
            case STRING:
                next();
                return new Expr.StringLiteral(t.text);
            case LPAREN: {
                next();
                Expr inner = expression(0);
                expect(Kind.RPAREN, "')'");
                return new Expr.Paren(inner);
            }
            case LBRACE:
                return new Expr.Selector(null, matchers());
            case IDENT:
                return identifier();
            default:
                throw error("unexpected '" + t.text + "'");
        }
    }

    private Expr identifier() {
        Token t = next();
        String lower = t.text.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
            return new Expr.NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        if (AGGREGATIONS.contains(t.text) && (peek().kind == Kind.LPAREN || peekIdent("by") || peekIdent("without"))) {
            return aggregation(t.text);
        }
        if (peek().kind == Kind.LPAREN) {
            next();
            List<Expr> args = new ArrayList<>();
            if (peek().kind != Kind.RPAREN) {
                args.add(expression(0));
                while (peek().kind == Kind.COMMA) {
                    next();
                    args.add(expression(0));
                }
            }
            expect(Kind.RPAREN, "')' closing " + t.text + "(");
            return new Expr.Call(t.text, List.copyOf(args));
        }
        if (Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
                "offset").contains(t.text)) {
            throw error("keyword '" + t.text + "' where an expression was expected");
        }
        List<Expr.Matcher> matchers = peek().kind == Kind.LBRACE ? matchers() : List.of();
        return new Expr.Selector(t.text, matchers);
    }

    private Expr aggregation(String op) {
        Boolean without = null;
        List<String> grouping = null;
        if (peekIdent("by") || peekIdent("without")) {
            without = next().text.equals("without");
            grouping = labelList();
        }
        expect(Kind.LPAREN, "'(' after " + op);
        Expr param = null;
        if (PARAMETERISED.contains(op)) {
            param = expression(0);
            expect(Kind.COMMA, "',' after the parameter of " + op);
        }
        Expr inner = expression(0);
        expect(Kind.RPAREN, "')' closing " + op + "(");
        if (peekIdent("by") || peekIdent("without")) {
            if (grouping != null) {
                throw error("grouping given twice for " + op);
            }
            without = next().text.equals("without");
            grouping = labelList();
        }
        return new Expr.Aggregation(op, Boolean.TRUE.equals(without), grouping, param, inner);
    }

    private List<String> labelList() {
        expect(Kind.LPAREN, "'(' starting a label list");
        List<String> labels = new ArrayList<>();
        while (peek().kind != Kind.RPAREN) {
            Token label = next();
            if (label.kind != Kind.IDENT) {
                throw error("expected a label name, found '" + label.text + "'");
            }
            labels.add(label.text);
            if (peek().kind == Kind.COMMA) {
                next();
            } else if (peek().kind != Kind.RPAREN) {
                throw error("expected ',' or ')' in a label list");
            }
        }
        next();
        return List.copyOf(labels);
    }

    private List<Expr.Matcher> matchers() {
        expect(Kind.LBRACE, "'{'");
        List<Expr.Matcher> matchers = new ArrayList<>();
        while (peek().kind != Kind.RBRACE) {
            Token label = next();
            if (label.kind != Kind.IDENT) {
                throw error("expected a label name in a selector, found '" + label.text + "'");
            }
            Token op = next();
            if (op.kind != Kind.OP || !Set.of("=", "!=", "=~", "!~").contains(op.text)) {
                throw error("expected = != =~ or !~ after label " + label.text);
            }
            Token value = next();
            if (value.kind != Kind.STRING) {
                throw error("expected a quoted value for label " + label.text);
            }
            matchers.add(new Expr.Matcher(label.text, op.text, value.text));
            if (peek().kind == Kind.COMMA) {
                next();
            } else if (peek().kind != Kind.RBRACE) {
                throw error("expected ',' or '}' in a selector");
            }
        }
        next();
        return List.copyOf(matchers);
    }

    private boolean isOperator(Token t, Set<String> ops) {
        return (t.kind == Kind.OP || t.kind == Kind.IDENT) && ops.contains(t.text.toLowerCase(Locale.ROOT))
                && !(t.kind == Kind.IDENT && !Set.of("and", "or", "unless", "atan2").contains(t.text));
    }

    private boolean peekIdent(String word) {
        return peek().kind == Kind.IDENT && peek().text.equals(word);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.EOF) {
            pos++;
        }
        return t;
    }

    private void expect(Kind kind, String what) {
        Token t = next();
        if (t.kind != kind) {
            throw error("expected " + what + ", found '" + t.text + "'");
        }
    }

    private PromQlException error(String message) {
        int at = peek().offset;
        return new PromQlException(message + " at offset " + at + " in: " + source);
    }

    private enum Kind {
        IDENT, NUMBER, DURATION, STRING, VARIABLE, OP, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA,
        COLON, EOF
    }

    private record Token(Kind kind, String text, int offset) {
    }

    /** Splits PromQL into tokens; strings are unescaped, durations kept as written. */
    private static final class Lexer {
        private final String s;
        private int i;
        private final List<Token> out = new ArrayList<>();
        private int bracketDepth;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> tokens() {
            while (true) {
                skipSpaceAndComments();
                if (i >= s.length()) {
                    out.add(new Token(Kind.EOF, "<end>", i));
                    return out;
                }
                int start = i;
                char c = s.charAt(i);
                if (Character.isLetter(c) || c == '_' || c == ':' && bracketDepth == 0) {
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                            || s.charAt(i) == ':' && bracketDepth == 0)) {
                        i++;
                    }
                    out.add(new Token(Kind.IDENT, s.substring(start, i), start));
                } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                    number(start);
                } else if (c == '"' || c == '\'' || c == '`') {
                    out.add(new Token(Kind.STRING, string(c), start));
                } else if (c == '$') {
                    i++;
                    boolean braced = i < s.length() && s.charAt(i) == '{';
                    if (braced) {
                        i++;
                    }
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                    if (braced) {
                        if (i >= s.length() || s.charAt(i) != '}') {
                            throw new PromQlException("unterminated ${ at offset " + start + " in: " + s);
                        }
                        i++;
                    }
                    out.add(new Token(Kind.VARIABLE, s.substring(start, i), start));
                } else {
                    punctuation(c, start);
                }
            }
        }

        private void punctuation(char c, int start) {
            i++;
            switch (c) {
                case '(' -> out.add(new Token(Kind.LPAREN, "(", start));
                case ')' -> out.add(new Token(Kind.RPAREN, ")", start));
                case '{' -> out.add(new Token(Kind.LBRACE, "{", start));
                case '}' -> out.add(new Token(Kind.RBRACE, "}", start));
                case '[' -> {
                    bracketDepth++;
                    out.add(new Token(Kind.LBRACKET, "[", start));
                }
                case ']' -> {
                    bracketDepth--;
                    out.add(new Token(Kind.RBRACKET, "]", start));
                }
                case ',' -> out.add(new Token(Kind.COMMA, ",", start));
                case ':' -> out.add(new Token(Kind.COLON, ":", start));
                default -> {
                    String two = i < s.length() ? "" + c + s.charAt(i) : "";
                    if (Set.of("==", "!=", "<=", ">=", "=~", "!~").contains(two)) {
                        i++;
                        out.add(new Token(Kind.OP, two, start));
                    } else if ("+-*/%^<>=@".indexOf(c) >= 0) {
                        out.add(new Token(Kind.OP, String.valueOf(c), start));
                    } else {
                        throw new PromQlException("unexpected character '" + c + "' at offset " + start + " in: " + s);
                    }
                }
            }
        }

        /** A number, or a duration such as {@code 5m} or {@code 1h30m} (digits followed by units). */
        private void number(int start) {
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (i < s.length() && Character.isLetter(s.charAt(i)) && s.charAt(i) != 'e' && s.charAt(i) != 'E') {
                while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.DURATION, s.substring(start, i), start));
                return;
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
        }

        private String string(char quote) {
            int start = i;
            i++;
            StringBuilder value = new StringBuilder();
            while (i < s.length() && s.charAt(i) != quote) {
                char c = s.charAt(i++);
                if (c == '\\' && quote != '`' && i < s.length()) {
                    char n = s.charAt(i++);
                    value.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else {
                    value.append(c);
                }
            }
            if (i >= s.length()) {
                throw new PromQlException("unterminated string at offset " + start + " in: " + s);
            }
            i++;
            return value.toString();
        }

        private void skipSpaceAndComments() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else {
                    return;
                }
            }
        }
    }
}
