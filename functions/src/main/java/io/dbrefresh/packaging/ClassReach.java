package io.dbrefresh.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step after {@link LambdaShrink}: the AWS SDK service classes of the shrunk jar that no
 * kept code can load. ProGuard's shrinking keeps members, not instantiations: every SDK model
 * implements the builder and field interfaces the SDK's core calls, so ProGuard keeps every
 * model class of a service, although nothing creates the requests of the operations no
 * function calls (and it leaves the constant pools of the classes it shrinks as they were).
 * This pass reads each class file's live parts (its super types, its fields' and methods'
 * descriptors and signatures, the constants its methods' code uses, its nest host, enclosing
 * method, exceptions and stack map frames) from the classes kept whole outward; a class that none of them names can
 * only be loaded by a name built at run time, which the SDK's models never are.
 *
 * <p>Only classes under {@code software/amazon/awssdk/services/} may be left out; every other
 * class, and every class a resource names (the SDK's {@code execution.interceptors}, the
 * ServiceLoader files), is where the walk starts. A string constant that spells a class reaches
 * it. What is not followed: the InnerClasses attribute (names only, for reflection), annotations
 * and debugging tables.
 */
final class ClassReach {

    static final String CANDIDATES = "software/amazon/awssdk/services/";
    private static final Pattern DESCRIPTOR_NAME = Pattern.compile("L([\\w/$]+)[;<]");
    private static final Pattern WORD = Pattern.compile("[\\w.$/]+");

    private final Map<String, ZipEntry> classes = new HashMap<>();
    private final Set<String> reached = new HashSet<>();
    private final Deque<String> todo = new ArrayDeque<>();

    private ClassReach() {
    }

    /** The class entries of {@code jar} that nothing kept reaches (all of them SDK service classes). */
    static Set<String> unreachable(ZipFile jar) throws IOException {
        return new ClassReach().walk(jar);
    }

    private Set<String> walk(ZipFile jar) throws IOException {
        for (ZipEntry e : jar.stream().toList()) {
            String n = e.getName();
            if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
                classes.put(n.substring(0, n.length() - ".class".length()), e);
            }
        }
        for (ZipEntry e : jar.stream().toList()) {
            String n = e.getName();
            if (e.isDirectory()) {
                continue;
            }
            if (n.endsWith(".class") && !n.startsWith("META-INF/")) {
                String name = n.substring(0, n.length() - ".class".length());
                if (!name.startsWith(CANDIDATES)) {
                    reach(name);
                }
            } else if (e.getSize() < 1_000_000) {
                // a resource may name classes to load (interceptors, providers): each word that spells one is a root
                try (InputStream in = jar.getInputStream(e)) {
                    Matcher m = WORD.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        reach(m.group().replace('.', '/'));
                    }
                }
            }
        }
        while (!todo.isEmpty()) {
            String name = todo.pop();
            try (InputStream in = jar.getInputStream(classes.get(name))) {
                new ClassFile(ByteBuffer.wrap(in.readAllBytes())).references(this);
            } catch (RuntimeException e) {
                throw new IOException("cannot read the class file of " + name + ": " + e, e);
            }
        }
        Set<String> out = new HashSet<>();
        classes.forEach((name, e) -> {
            if (name.startsWith(CANDIDATES) && !reached.contains(name)) {
                out.add(e.getName());
            }
        });
        return out;
    }

    private void reach(String name) {
        if (classes.containsKey(name) && reached.add(name)) {
            todo.push(name);
        }
    }

    /** Every class a class name, an array's class name, a descriptor, a signature or a dotted string spells. */
    private void named(String s) {
        reach(s.replace('.', '/'));
        if (s.startsWith("[")) {
            reach(s.replaceFirst("^\\[+L", "").replaceFirst(";$", ""));
        }
        if (s.indexOf('L') >= 0) {
            Matcher m = DESCRIPTOR_NAME.matcher(s);
            while (m.find()) {
                reach(m.group(1));
            }
        }
    }

    /** One class file, read for the constants its live parts use. */
    private static final class ClassFile {
        private final ByteBuffer b;
        private final int[] tag;
        private final int[] offset;
        private final String[] utf8;
        private final Set<Integer> done = new HashSet<>();
        private int bootstrapMethods = -1;
        private ClassReach into;

        ClassFile(ByteBuffer b) {
            this.b = b;
            if (b.getInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            b.getShort();
            b.getShort();
            int count = u2();
            tag = new int[count];
            offset = new int[count];
            utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                tag[i] = b.get() & 0xff;
                offset[i] = b.position();
                switch (tag[i]) {
                    case 1 -> {
                        int len = u2();
                        byte[] bytes = new byte[len];
                        b.get(bytes);
                        // modified UTF-8 differs from UTF-8 only for NUL and supplementary characters, never in class names
                        utf8[i] = new String(bytes, StandardCharsets.UTF_8);
                    }
                    case 3, 4 -> b.position(b.position() + 4);
                    case 5, 6 -> {
                        b.position(b.position() + 8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> b.position(b.position() + 2);
                    case 9, 10, 11, 12, 17, 18 -> b.position(b.position() + 4);
                    case 15 -> b.position(b.position() + 3);
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag[i]);
                }
            }
        }

        private int u2() {
            return b.getShort() & 0xffff;
        }

        private int u2At(int at) {
            return b.getShort(at) & 0xffff;
        }

        void references(ClassReach reach) {
            into = reach;
            b.getShort(); // access flags
            b.getShort(); // this class
            constant(u2()); // super class
            int interfaces = u2();
            for (int i = 0; i < interfaces; i++) {
                constant(u2());
            }
            int membersStart = b.position();
            // the class's attributes first: BootstrapMethods is needed by the code of the members
            skipMembers();
            skipMembers();
            int classAttributes = b.position();
            int count = u2();
            for (int i = 0; i < count; i++) {
                int name = u2();
                int len = b.getInt();
                if ("BootstrapMethods".equals(utf8[name])) {
                    bootstrapMethods = b.position();
                }
                b.position(b.position() + len);
            }
            b.position(membersStart);
            members();
            members();
            b.position(classAttributes);
            attributes();
        }

        private void skipMembers() {
            int count = u2();
            for (int i = 0; i < count; i++) {
                b.position(b.position() + 6);
                int attributes = u2();
                for (int j = 0; j < attributes; j++) {
                    b.getShort();
                    int len = b.getInt();
                    b.position(b.position() + len);
                }
            }
        }

        private void members() {
            int count = u2();
            for (int i = 0; i < count; i++) {
                b.getShort(); // access
                b.getShort(); // name
                constant(u2()); // descriptor
                attributes();
            }
        }

        private void attributes() {
            int count = u2();
            for (int i = 0; i < count; i++) {
                String name = utf8[u2()];
                int len = b.getInt();
                int start = b.position();
                int end = start + len;
                switch (name) {
                    case "Code" -> code(start);
                    case "Signature", "NestHost", "ConstantValue" -> constant(u2At(start));
                    case "Exceptions", "NestMembers", "PermittedSubclasses" -> {
                        int n = u2At(start);
                        for (int k = 0; k < n; k++) {
                            constant(u2At(start + 2 + 2 * k));
                        }
                    }
                    case "EnclosingMethod" -> {
                        constant(u2At(start));
                        constant(u2At(start + 2));
                    }
                    default -> {
                        // InnerClasses (names for reflection), annotations, debugging tables, BootstrapMethods (read by use)
                    }
                }
                b.position(end);
            }
        }

        private void code(int start) {
            int codeLength = b.getInt(start + 4);
            int codeStart = start + 8;
            int pc = 0;
            while (pc < codeLength) {
                int at = codeStart + pc;
                int op = b.get(at) & 0xff;
                switch (op) {
                    case 18 -> {
                        constant(b.get(at + 1) & 0xff);
                        pc += 2;
                    }
                    case 19, 20, 178, 179, 180, 181, 182, 183, 184, 187, 189, 192, 193 -> {
                        constant(u2At(at + 1));
                        pc += 3;
                    }
                    case 185, 186 -> {
                        constant(u2At(at + 1));
                        pc += 5;
                    }
                    case 197 -> {
                        constant(u2At(at + 1));
                        pc += 4;
                    }
                    case 16, 21, 22, 23, 24, 25, 54, 55, 56, 57, 58, 169, 188 -> pc += 2;
                    case 17, 132, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 198, 199 -> pc += 3;
                    case 200, 201 -> pc += 5;
                    case 196 -> pc += (b.get(at + 1) & 0xff) == 132 ? 6 : 4;
                    case 170 -> {
                        int p = pc + 1 + ((4 - (pc + 1) % 4) % 4);
                        int low = b.getInt(codeStart + p + 4);
                        int high = b.getInt(codeStart + p + 8);
                        pc = p + 12 + 4 * (high - low + 1);
                    }
                    case 171 -> {
                        int p = pc + 1 + ((4 - (pc + 1) % 4) % 4);
                        int pairs = b.getInt(codeStart + p + 4);
                        pc = p + 8 + 8 * pairs;
                    }
                    default -> pc += 1;
                }
            }
            int p = codeStart + codeLength;
            int handlers = u2At(p);
            for (int k = 0; k < handlers; k++) {
                int type = u2At(p + 2 + 8 * k + 6);
                if (type != 0) {
                    constant(type);
                }
            }
            p += 2 + 8 * handlers;
            int attributes = u2At(p);
            p += 2;
            for (int k = 0; k < attributes; k++) {
                String name = utf8[u2At(p)];
                int len = b.getInt(p + 2);
                if ("StackMapTable".equals(name)) {
                    stackMap(p + 6);
                }
                p += 6 + len;
            }
        }

        /** The classes a stack map's frames name (the verifier may load them to check assignments). */
        private void stackMap(int at) {
            int frames = u2At(at);
            int p = at + 2;
            for (int f = 0; f < frames; f++) {
                int type = b.get(p) & 0xff;
                p++;
                if (type < 64) {
                    continue;
                } else if (type < 128) {
                    p = verificationType(p);
                } else if (type == 247) {
                    p = verificationType(p + 2);
                } else if (type >= 248 && type <= 251) {
                    p += 2;
                } else if (type >= 252 && type <= 254) {
                    p += 2;
                    for (int k = 0; k < type - 251; k++) {
                        p = verificationType(p);
                    }
                } else if (type == 255) {
                    p += 2;
                    int locals = u2At(p);
                    p += 2;
                    for (int k = 0; k < locals; k++) {
                        p = verificationType(p);
                    }
                    int stack = u2At(p);
                    p += 2;
                    for (int k = 0; k < stack; k++) {
                        p = verificationType(p);
                    }
                }
            }
        }

        private int verificationType(int p) {
            int t = b.get(p) & 0xff;
            if (t == 7) {
                constant(u2At(p + 1));
                return p + 3;
            }
            return t == 8 ? p + 3 : p + 1;
        }

        /** A used constant and what it names in turn. */
        private void constant(int i) {
            if (i <= 0 || i >= tag.length || !done.add(i)) {
                return;
            }
            int at = offset[i];
            switch (tag[i]) {
                case 1 -> into.named(utf8[i]);
                case 7, 8, 16 -> constant(u2At(at));
                case 9, 10, 11, 12 -> {
                    constant(u2At(at));
                    constant(u2At(at + 2));
                }
                case 15 -> constant(u2At(at + 1));
                case 17, 18 -> {
                    constant(u2At(at + 2));
                    bootstrap(u2At(at));
                }
                default -> {
                    // numbers, modules and packages name no class
                }
            }
        }

        /** The method handle and arguments of one BootstrapMethods entry. */
        private void bootstrap(int index) {
            if (bootstrapMethods < 0) {
                return;
            }
            int p = bootstrapMethods + 2;
            for (int k = 0; k < index; k++) {
                p += 4 + 2 * u2At(p + 2);
            }
            constant(u2At(p));
            int args = u2At(p + 2);
            for (int k = 0; k < args; k++) {
                constant(u2At(p + 4 + 2 * k));
            }
        }
    }
}
