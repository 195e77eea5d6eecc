using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published Linux binary in a root that holds nothing but itself, /tmp and /dev/null: a chroot made by
/// hand, with no /dev/urandom. Every call a client makes still works there (<see cref="HelperInRootFixture"/>),
/// TLS to IAM, the file keystore's writes and the token cache included: the helper's random numbers come
/// from the kernel's getrandom(), and the log never starts the .NET activity whose first use reads the device.
/// </summary>
[TestFixture]
public sealed class NoRandomDeviceRootTests : HelperInRootFixture
{
    protected override Task<MinimalRoot> CreateRootForTestAsync() => MinimalRoot.CreateAsync(randomDevice: false);

    [Test]
    public void The_root_has_no_random_device() =>
        Assert.That(Root.Files(), Does.Contain(MinimalRoot.NullDevice).And.Not.Contain(MinimalRoot.RandomDevice));
}
