using System.Text;
using Ibmtp.Credentials;
using Ibmtp.Frontends.Docker;
using Ibmtp.Secrets;
using Moq;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>The stdin/stdout half of the docker protocol: what is read, and what is printed.</summary>
[TestFixture]
public class DockerProtocolTests
{
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

        new DockerProtocol(stdin.Object, _output).WriteList(new Dictionary<string, string> { ["us.icr.io"] = "Profile-us", ["de.icr.io"] = "Profile-de" });

        Assert.That(Output, Is.EqualTo("""{"de.icr.io":"Profile-de","us.icr.io":"Profile-us"}""" + "\n"));
    }

    private string Output => Encoding.UTF8.GetString(_output.ToArray());

    private DockerProtocol Protocol(string stdin) => new(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), _output);
}
