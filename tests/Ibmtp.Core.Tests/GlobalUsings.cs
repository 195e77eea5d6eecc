global using NUnit.Framework;
global using Ibmtp.Testing;
