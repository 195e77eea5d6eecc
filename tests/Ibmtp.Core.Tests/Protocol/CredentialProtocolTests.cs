using System.Text;
using Ibmtp.Protocol;
using Moq;

namespace Ibmtp.Tests.Protocol;

/// <summary>The stdin/stdout half of the protocol, against a fake store.</summary>
[TestFixture]
public class CredentialProtocolTests
{
    private MemoryStream _output = null!;

    [SetUp]
    public void CreateOutput() => _output = new MemoryStream();

    [TearDown]
    public void DisposeOutput() => _output.Dispose();

    [Test]
    public void Get_asks_the_store_for_the_trimmed_server_url_and_prints_its_answer()
    {
        var store = new Mock<ICredentialStore>(MockBehavior.Strict);
        store.Setup(s => s.Get("https://us.icr.io")).Returns(new Credentials("https://us.icr.io", "Profile-1", "secret-1"));

        Protocol(store, "  https://us.icr.io\n").Run("get");

        Assert.That(Output, Is.EqualTo("""{"ServerURL":"https://us.icr.io","Username":"Profile-1","Secret":"secret-1"}""" + "\n"));
    }

    [Test]
    public void Store_hands_the_trimmed_credentials_to_the_store_and_prints_nothing()
    {
        var store = new Mock<ICredentialStore>(MockBehavior.Strict);
        store.Setup(s => s.Add(new Credentials("us.icr.io", "Profile-1", " secret with spaces ")));

        Protocol(store, """{"ServerURL":" us.icr.io ","Username":" Profile-1 ","Secret":" secret with spaces "}""").Run("store");

        store.VerifyAll();
        Assert.That(Output, Is.Empty);
    }

    [TestCase("{")]
    [TestCase("{}")]
    [TestCase("""{"ServerURL":"us.icr.io","Username":"","Secret":"s"}""")]
    [TestCase("""{"ServerURL":"us.icr.io","Username":"u","Secret":""}""")]
    [TestCase("""{"ServerURL":"us.icr.io","Username":1,"Secret":"s"}""")]
    public void Store_input_that_is_not_complete_credentials_never_reaches_the_store(string stdin)
    {
        var store = new Mock<ICredentialStore>(MockBehavior.Strict);

        Assert.Throws<HelperException>(() => Protocol(store, stdin).Run("store"));
    }

    [Test]
    public void Erase_asks_the_store_to_delete_the_trimmed_server_url()
    {
        var store = new Mock<ICredentialStore>(MockBehavior.Strict);
        store.Setup(s => s.Delete("us.icr.io"));

        Protocol(store, "us.icr.io\n").Run("erase");

        store.VerifyAll();
        Assert.That(Output, Is.Empty);
    }

    [Test]
    public void List_prints_the_saved_hosts_sorted_and_never_reads_stdin()
    {
        var store = new Mock<ICredentialStore>(MockBehavior.Strict);
        store.Setup(s => s.List()).Returns(new Dictionary<string, string> { ["us.icr.io"] = "Profile-us", ["de.icr.io"] = "Profile-de" });
        var stdin = new Mock<Stream>(MockBehavior.Strict);

        new CredentialProtocol(store.Object, stdin.Object, _output).Run("list");

        Assert.That(Output, Is.EqualTo("""{"de.icr.io":"Profile-de","us.icr.io":"Profile-us"}""" + "\n"));
    }

    [TestCase("get", ExpectedResult = true)]
    [TestCase("store", ExpectedResult = true)]
    [TestCase("erase", ExpectedResult = true)]
    [TestCase("list", ExpectedResult = true)]
    [TestCase("version", ExpectedResult = false)]
    [TestCase("Get", ExpectedResult = false)]
    public bool Only_get_store_erase_and_list_are_protocol_actions(string action) => CredentialProtocol.IsAction(action);

    private string Output => Encoding.UTF8.GetString(_output.ToArray());

    private CredentialProtocol Protocol(Mock<ICredentialStore> store, string stdin) =>
        new(store.Object, new MemoryStream(Encoding.UTF8.GetBytes(stdin)), _output);
}
