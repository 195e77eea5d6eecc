using System.Text;
using System.Text.Json;
using CsCheck;
using Ibmtp.Credentials;
using Ibmtp.Frontends.Docker;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Moq;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>The stdin/stdout half of the docker protocol: what is read, and what is printed.</summary>
[TestFixture]
public class DockerProtocolTests
{
    private static string DefaultWriterLine(string username, string secret)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ServerURL", "us.icr.io");
            json.WriteString("Username", username);
            json.WriteString("Secret", secret);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private MemoryStream _output = null!;

    [SetUp]
    public void CreateOutput() => _output = new MemoryStream();

    [TearDown]
    public void DisposeOutput() => _output.Dispose();

    [Test]
    public void The_server_url_is_read_trimmed()
    {
        Assert.That(Protocol("  https://us.icr.io\n").ReadServerUrl(), Is.EqualTo("https://us.icr.io"));
    }

    [Test]
    public void Credentials_print_as_one_line_of_JSON_echoing_the_server_url_as_sent()
    {
        Protocol("").WriteCredentials("https://us.icr.io", new Login("Profile-1", new Secret("secret-1"), "environment"));

        Assert.That(Output, Is.EqualTo("""{"ServerURL":"https://us.icr.io","Username":"Profile-1","Secret":"secret-1"}""" + "\n"));
    }

    [Test]
    public void Credentials_are_escaped_exactly_as_System_Text_Jsons_default_writer_escapes_them()
    {
        // Any UTF-16 text, surrogates and control characters included, plus the characters JSON and HTML treat
        // specially. It goes in the username: every field is escaped alike, and a secret would stay registered
        // with the process-wide redactor for the rest of the test run.
        var text = Gen.OneOf(Gen.String, Gen.Char.Array[0, 12].Select(chars => new string(chars)), Gen.Const("\"\\/<>&'+`\u2028\u0000é😀"));
        text.Sample(username =>
        {
            using var output = new MemoryStream();
            new DockerProtocol(new MemoryStream(), new LineWriter(output)).WriteCredentials("us.icr.io", new Login(username, new Secret("secret-<&>+é"), "test"));
            return Encoding.UTF8.GetString(output.ToArray()) == DefaultWriterLine(username, "secret-<&>+é");
        }, iter: 20_000);
    }

    [Test]
    public void Stored_credentials_are_read_with_server_url_and_username_trimmed_and_the_secret_as_sent()
    {
        var credentials = Protocol("""{"ServerURL":" us.icr.io ","Username":" Profile-1 ","Secret":" secret with spaces "}""").ReadCredentials();

        Assert.That(credentials, Is.EqualTo(new DockerCredentials("us.icr.io", "Profile-1", new Secret(" secret with spaces "))));
        Assert.That(Output, Is.Empty);
    }

    [TestCase("{")]
    [TestCase("{}")]
    [TestCase("""{"ServerURL":"us.icr.io","Username":"","Secret":"s"}""")]
    [TestCase("""{"ServerURL":"us.icr.io","Username":"u","Secret":""}""")]
    [TestCase("""{"ServerURL":"us.icr.io","Username":1,"Secret":"s"}""")]
    public void Store_input_that_is_not_complete_credentials_is_refused(string stdin)
    {
        Assert.Throws<HelperException>(() => Protocol(stdin).ReadCredentials());
    }

    [Test]
    public void The_list_prints_the_saved_hosts_sorted_and_never_reads_stdin()
    {
        var stdin = new Mock<Stream>(MockBehavior.Strict);

        new DockerProtocol(stdin.Object, new LineWriter(_output)).WriteList(new Dictionary<string, string> { ["us.icr.io"] = "Profile-us", ["de.icr.io"] = "Profile-de" });

        Assert.That(Output, Is.EqualTo("""{"de.icr.io":"Profile-de","us.icr.io":"Profile-us"}""" + "\n"));
    }

    private string Output => Encoding.UTF8.GetString(_output.ToArray());

    private DockerProtocol Protocol(string stdin) => new(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), new LineWriter(_output));
}
