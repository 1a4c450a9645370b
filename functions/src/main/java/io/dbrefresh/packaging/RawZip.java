package io.dbrefresh.packaging;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A jar read and written entry by entry without inflating and deflating again: a function
 * jar is a selection of the shaded jar's entries, so their compressed bytes are copied as
 * they are (a dozen jars of 10 to 30 MiB in seconds, where recompressing took minutes). No
 * ZIP64: the shaded jar is far below its limits, and a jar beyond them is refused.
 */
final class RawZip implements AutoCloseable {

    private static final int LOCAL = 0x04034b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int END = 0x06054b50;

    /** One entry as the central directory describes it. */
    record Entry(String name, int versionNeeded, int flags, int method, int time, int date, int crc, long compressedSize,
                 long size, long localOffset) {
    }

    private final FileChannel channel;
    private final List<Entry> entries;

    RawZip(Path jar) throws IOException {
        this.channel = FileChannel.open(jar, StandardOpenOption.READ);
        this.entries = readCentralDirectory();
    }

    List<Entry> entries() {
        return entries;
    }

    /** The entry's data as stored (compressed when its method is deflate). */
    byte[] rawData(Entry e) throws IOException {
        ByteBuffer header = read(e.localOffset(), 30);
        if (header.getInt(0) != LOCAL) {
            throw new IOException("no local header for " + e.name());
        }
        long start = e.localOffset() + 30 + Short.toUnsignedInt(header.getShort(26)) + Short.toUnsignedInt(header.getShort(28));
        return read(start, Math.toIntExact(e.compressedSize())).array();
    }

    private List<Entry> readCentralDirectory() throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, 22 + 65535);
        ByteBuffer end = read(size - tail, tail);
        int at = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == END) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new IOException("not a zip file: no end of central directory");
        }
        int count = Short.toUnsignedInt(end.getShort(at + 10));
        long cdSize = Integer.toUnsignedLong(end.getInt(at + 12));
        long cdOffset = Integer.toUnsignedLong(end.getInt(at + 16));
        if (count == 0xFFFF || cdOffset == 0xFFFFFFFFL) {
            throw new IOException("ZIP64 jars are not supported");
        }
        ByteBuffer cd = read(cdOffset, Math.toIntExact(cdSize));
        List<Entry> list = new ArrayList<>(count);
        int p = 0;
        for (int i = 0; i < count; i++) {
            if (cd.getInt(p) != CENTRAL) {
                throw new IOException("corrupt central directory at entry " + i);
            }
            int nameLength = Short.toUnsignedInt(cd.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(cd.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(cd.getShort(p + 32));
            byte[] name = new byte[nameLength];
            cd.get(p + 46, name);
            list.add(new Entry(new String(name, StandardCharsets.UTF_8), Short.toUnsignedInt(cd.getShort(p + 6)),
                    Short.toUnsignedInt(cd.getShort(p + 8)), Short.toUnsignedInt(cd.getShort(p + 10)),
                    Short.toUnsignedInt(cd.getShort(p + 12)), Short.toUnsignedInt(cd.getShort(p + 14)), cd.getInt(p + 16),
                    Integer.toUnsignedLong(cd.getInt(p + 20)), Integer.toUnsignedLong(cd.getInt(p + 24)),
                    Integer.toUnsignedLong(cd.getInt(p + 42))));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return list;
    }

    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of zip file");
            }
        }
        return b.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Writes a zip: entries copied raw from another, or new ones stored uncompressed. */
    static final class Writer implements AutoCloseable {
        private final OutputStream out;
        private final ByteArrayCentral central = new ByteArrayCentral();
        private long offset;
        private int count;

        Writer(Path jar) throws IOException {
            this.out = new BufferedOutputStream(Files.newOutputStream(jar), 1 << 16);
        }

        /** Copies {@code e} with its data as read by {@link RawZip#rawData}. */
        void copy(Entry e, byte[] raw) throws IOException {
            // sizes and CRC go into the local header, so no data descriptor follows (bit 3 off)
            write(e.name(), e.versionNeeded(), e.flags() & ~0x8, e.method(), e.time(), e.date(), e.crc(), raw, e.size());
        }

        /** Adds {@code content} as a stored (uncompressed) entry with the time of {@code like}. */
        void add(Entry like, byte[] content) throws IOException {
            CRC32 crc = new CRC32();
            crc.update(content);
            write(like.name(), 10, like.flags() & 0x800, 0, like.time(), like.date(), (int) crc.getValue(), content,
                    content.length);
        }

        private void write(String entryName, int versionNeeded, int flags, int method, int time, int date, int crc,
                           byte[] data, long size) throws IOException {
            byte[] name = entryName.getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(LOCAL).putShort((short) versionNeeded).putShort((short) flags).putShort((short) method)
                    .putShort((short) time).putShort((short) date).putInt(crc).putInt(data.length).putInt((int) size)
                    .putShort((short) name.length).putShort((short) 0);
            out.write(h.array());
            out.write(name);
            out.write(data);
            central.add(name, versionNeeded, flags, method, time, date, crc, data.length, size, offset);
            offset += 30 + name.length + data.length;
            count++;
            if (offset > 0xFFFFFFFFL || count >= 0xFFFF) {
                throw new IOException("the jar would need ZIP64");
            }
        }

        @Override
        public void close() throws IOException {
            byte[] cd = central.bytes();
            out.write(cd);
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) count).putShort((short) count)
                    .putInt(cd.length).putInt((int) offset).putShort((short) 0);
            out.write(end.array());
            out.close();
        }
    }

    /** The central directory being written. */
    private static final class ByteArrayCentral {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void add(byte[] name, int versionNeeded, int flags, int method, int time, int date, int crc, long compressedSize,
                 long size, long localOffset) {
            ByteBuffer c = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            c.putInt(CENTRAL).putShort((short) 20).putShort((short) versionNeeded).putShort((short) flags)
                    .putShort((short) method).putShort((short) time).putShort((short) date).putInt(crc)
                    .putInt((int) compressedSize).putInt((int) size).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) localOffset);
            bytes.writeBytes(c.array());
            bytes.writeBytes(name);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
