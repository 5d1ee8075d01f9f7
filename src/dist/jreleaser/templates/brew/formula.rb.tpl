# {{jreleaserCreationStamp}}
{{#brewRequireRelative}}
require_relative "{{.}}"
{{/brewRequireRelative}}

class {{brewFormulaName}} < Formula
  desc "{{projectDescription}}"
  homepage "{{projectLinkHomepage}}"
  url "{{distributionUrl}}"{{#brewDownloadStrategy}}, :using => {{.}}{{/brewDownloadStrategy}}
  version "{{projectVersion}}"
  sha256 "{{distributionChecksumSha256}}"
  license "{{projectLicense}}"

  {{#brewHasLivecheck}}
  livecheck do
    {{#brewLivecheck}}
    {{.}}
    {{/brewLivecheck}}
  end
  {{/brewHasLivecheck}}
  {{#brewDependencies}}
  depends_on {{.}}
  {{/brewDependencies}}

  # freeport's own template (src/dist/jreleaser/templates/brew): openjdk@17 is keg-only, so the
  # launcher is told where its java is (FREEPORT_JAVA still wins); man page and completion too.
  def install
    libexec.install Dir["*"]
    (bin/"{{distributionExecutableName}}").write_env_script libexec/"bin/{{distributionExecutableUnix}}",
      FREEPORT_JAVA: "${FREEPORT_JAVA:-#{Formula["openjdk@17"].opt_bin}/java}"
    man1.install libexec/"share/man/man1/freeport.1"
    bash_completion.install libexec/"share/completion/freeport.bash" => "freeport"
    zsh_completion.install libexec/"share/completion/_freeport"
    fish_completion.install libexec/"share/completion/freeport.fish"
  end

  test do
    output = shell_output("#{bin}/{{distributionExecutableName}} --version")
    assert_match "{{projectVersion}}", output
  end
end
