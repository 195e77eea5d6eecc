using System.Text;
using Ibmtp.Yaml;

namespace Ibmtp.Tests.Diagnostics.Yaml;

/// <summary>YAML outside the plain subset is refused with the line it is on and what it is, never guessed at.</summary>
public class StrictYamlReaderRefusalTests
{
    private const string Head = "kind: CredentialProviderConfig\nproviders:\n";

    [TestCase(Head + "- &first\n  name: a\n", 3, "an anchor (&)")]
    [TestCase(Head + "- name: a\n- *first\n", 4, "an alias (*)")]
    [TestCase(Head + "- name: !!str a\n", 3, "a tag (!)")]
    [TestCase(Head + "- name: |\n    a\n", 3, "a block scalar (| or >)")]
    [TestCase(Head + "- name: >-\n    a\n", 3, "a block scalar (| or >)")]
    [TestCase(Head + "- name: plain\n    goes on\n", 4, "a plain value that goes on over several lines")]
    [TestCase(Head + "- name: \"double\n    goes on\"\n", 3, "a quoted value that goes on over several lines")]
    [TestCase(Head + "- name: 'single\n    goes on'\n", 3, "a quoted value that goes on over several lines")]
    [TestCase(Head + "- matchImages: [icr.io\n    de.icr.io]\n", 3, "a plain value that goes on over several lines")]
    [TestCase(Head + "- ? name\n  : a\n", 3, "a complex key (?)")]
    [TestCase(Head + "- [name]: a\n", 3, "a [ ] or { } collection as a key")]
    [TestCase("%YAML 1.2\n---\n" + Head, 1, "a directive (%)")]
    [TestCase(Head + "- name: a\n---\nkind: other\n", 4, "several documents")]
    [TestCase(Head + "- name: a\n...\nkind: other\n", 5, "several documents")]
    [TestCase(Head + "- name: a\n\t  args: []\n", 4, "a tab in indentation")]
    [TestCase(Head + "- name: a\r  args: []\n", 3, "a carriage return without a line feed as a line end")]
    [TestCase(Head + "- matchImages: [a: b]\n", 3, "a key: value pair inside [ ]")]
    public void Refuses_what_it_does_not_read_naming_the_line(string document, int line, string construct)
    {
        var refusal = Assert.Throws<YamlRefusal>(() => StrictYamlReader.Read(Encoding.UTF8.GetBytes(document)))!;

        Assert.That(refusal.Message, Is.EqualTo($"line {line} uses {construct}, which doctor does not read; the kubelet does: write the config without it, or check it by hand"));
        Assert.That(refusal.Line, Is.EqualTo(line));
    }

    [TestCase(Head + "- name: a\n  name: b\n", 4, "name")]
    [TestCase(Head + "- {name: a, \"name\": b}\n", 3, "name")]
    [TestCase("kind: a\n\nkind: b\n", 3, "kind")]
    public void Refuses_a_key_given_twice_as_the_kubelet_s_strict_decoding_does(string document, int line, string key)
    {
        var refusal = Assert.Throws<YamlRefusal>(() => StrictYamlReader.Read(Encoding.UTF8.GetBytes(document)))!;

        Assert.That(refusal.Message, Is.EqualTo($"line {line} repeats the key '{key}', which the kubelet refuses (it decodes its config strictly): keep one"));
    }

    [Test]
    public void Refuses_bytes_that_are_not_UTF_8_naming_their_line()
    {
        byte[] document = [.. Encoding.UTF8.GetBytes(Head + "- name: caf"), 0xE9, .. "\n"u8];

        var refusal = Assert.Throws<YamlRefusal>(() => StrictYamlReader.Read(document))!;

        Assert.That(refusal.Message, Is.EqualTo("line 3 is not UTF-8, which the kubelet refuses too: save the file as UTF-8"));
    }

    [TestCase(Head + "- name: 'a'\n   args: []\n", 4)]
    [TestCase("a:\n  b: 1\n c: 2\n", 3)]
    [TestCase(Head + "- name: \"a\\q\"\n", 3)]
    [TestCase(Head + "- name: \"a\\u00\"\n", 3)]
    [TestCase(Head + "- name: [a, b\n", 3)]
    [TestCase(Head + "- name: {a: b\n", 3)]
    [TestCase(Head + "- name: \"never closed", 3)]
    [TestCase(Head + "- name: a: b\n", 3)]
    [TestCase(Head + "- name: \"a\" b\n", 3)]
    [TestCase(Head + "- name: a\n  - b\n", 4)]
    [TestCase(Head + "- name: \u0001\n", 3)]
    public void Refuses_text_that_is_not_YAML_naming_the_line(string document, int line)
    {
        var refusal = Assert.Throws<YamlRefusal>(() => StrictYamlReader.Read(Encoding.UTF8.GetBytes(document)))!;

        Assert.That(refusal.Message, Does.StartWith($"line {line} is not YAML or JSON the kubelet can read: "));
    }
}
