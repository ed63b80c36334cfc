package dev.revive.targets.driver;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Empties a node's temp paths. Refuses a temp path that is, contains or lies inside the data dir
 * (compared as written and after resolving links), refuses a temp path that is itself a symbolic
 * link, and deletes links below it as links, never what they point to.
 */
final class TempCleaner {

    /** Removes the contents of every temp path of {@code node}; returns the entries removed. */
    int clean(NodeSpec node) {
        Path dataDir = Path.of(node.dataDir());
        List<Path> temps = node.tempPaths().stream().map(Path::of).toList();
        temps.forEach(temp -> requireApartFromData(temp, dataDir));
        int removed = 0;
        for (Path temp : temps) {
            removed += empty(temp);
        }
        return removed;
    }

    /** The entries directly below the temp paths that {@link #clean} would remove now; deletes nothing. */
    List<Path> entries(NodeSpec node) {
        Path dataDir = Path.of(node.dataDir());
        List<Path> temps = node.tempPaths().stream().map(Path::of).toList();
        temps.forEach(temp -> requireApartFromData(temp, dataDir));
        List<Path> entries = new ArrayList<>();
        for (Path temp : temps) {
            entries.addAll(list(temp));
        }
        return entries;
    }

    private static void requireApartFromData(Path temp, Path dataDir) {
        if (overlaps(temp, dataDir)) {
            throw refused(temp, "is, contains or lies inside the data dir " + dataDir);
        }
        if (Files.isSymbolicLink(temp)) {
            throw refused(temp, "is a symbolic link");
        }
        if (Files.exists(temp) && Files.exists(dataDir) && overlaps(realPath(temp), realPath(dataDir))) {
            throw refused(temp, "resolves to a path that is, contains or lies inside the data dir " + dataDir);
        }
    }

    private static boolean overlaps(Path temp, Path dataDir) {
        return dataDir.startsWith(temp) || temp.startsWith(dataDir);
    }

    private static int empty(Path temp) {
        List<Path> entries = list(temp);
        for (Path entry : entries) {
            deleteTree(entry);
        }
        return entries.size();
    }

    private static List<Path> list(Path temp) {
        List<Path> entries = new ArrayList<>();
        if (!Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
            return entries;
        }
        if (!Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(temp, "is not a directory");
        }
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(temp)) {
            listing.forEach(entries::add);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot list temp path " + temp + ": " + e.getMessage(), e);
        }
        entries.sort(null);
        return entries;
    }

    /** Deletes a file, a link (as a link) or a directory tree, without following any link. */
    private static void deleteTree(Path entry) {
        try {
            Files.walkFileTree(entry, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot delete " + entry + ": " + e.getMessage(), e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }

    private static TargetException refused(Path temp, String why) {
        return new TargetException(Kind.LOCAL, "refusing to clean temp path " + temp + ": it " + why);
    }
}
