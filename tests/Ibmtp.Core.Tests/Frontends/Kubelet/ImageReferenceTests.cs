using Ibmtp.Frontends.Kubelet;

namespace Ibmtp.Tests.Frontends.Kubelet;

[TestFixture]
public sealed class ImageReferenceTests
{
    [TestCase("us.icr.io/team/app:1", "us.icr.io")]
    [TestCase("private.us.icr.io/team/app", "private.us.icr.io")]
    [TestCase("icr.io/team/app@sha256:abc", "icr.io")]
    [TestCase("localhost:5000/app", "localhost:5000")]
    [TestCase("localhost/app", "localhost")]
    [TestCase("nginx", "docker.io")]
    [TestCase("nginx:1.27", "docker.io")]
    [TestCase("library/nginx", "docker.io")]
    [TestCase("team/app", "docker.io")]
    public void The_registry_is_the_first_component_when_it_looks_like_a_host(string image, string registry) =>
        Assert.That(ImageReference.Registry(image), Is.EqualTo(registry));
}
