package dev.freeport.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The package-manager files JReleaser prepared (target/jreleaser/prepare) name this version and
 * the checksum of the portable zip that was built, so a published manifest installs this build.
 * They are not run here: that needs macOS, Windows and the published release.
 */
class ManifestsIT {
  private static final String VERSION = Shell.version();
  private static final Path DIR = Path.of("target", "jreleaser", "prepare", "freeport");

  private static String read(String file) throws Exception {
    Path p = DIR.resolve(file);
    assertTrue(Files.isRegularFile(p), "not prepared: " + p);
    return Files.readString(p);
  }

  @Test
  void everyManifestNamesThisVersionAndTheZipsChecksum() throws Exception {
    assumeTrue(Files.isDirectory(Path.of(".git")), "JReleaser runs only in a git clone (see the pom's manifests profile)");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(Shell.artifact("freeport-" + VERSION + ".zip"))));
    String zip = "/v" + VERSION + "/freeport-" + VERSION + ".zip";

    String brew = read("brew/Formula/freeport.rb");
    assertTrue(brew.contains("sha256 \"" + sha + "\"") && brew.contains(zip) && brew.contains("openjdk@17"), brew);
    assertTrue(brew.contains("FREEPORT_JAVA: \"${FREEPORT_JAVA:-#{Formula[\"openjdk@17\"].opt_bin}/java}\""), brew);
    String scoop = read("scoop/bucket/freeport.json");
    assertTrue(scoop.contains("\"hash\": \"sha256:" + sha + "\"") && scoop.contains(zip)
        && scoop.contains("\"env_add_path\": \"bin\""), scoop);
    String winget = read("winget/manifests/f/FreeportDev/Freeport/" + VERSION + "/FreeportDev.Freeport.installer.yaml");
    assertTrue(winget.contains("InstallerSha256: " + sha.toUpperCase()) || winget.contains("InstallerSha256: " + sha), winget);
    assertTrue(winget.contains("freeport-" + VERSION + "\\bin\\freeport.cmd"), winget);
    String jbang = read("jbang/freeport.java");
    assertTrue(jbang.contains("//DEPS dev.freeport:freeport:" + VERSION) && jbang.contains("//JAVA 17+"), jbang);
    assertTrue(read("jbang/jbang-catalog.json").contains("\"script-ref\": \"freeport.java\""));
  }
}
