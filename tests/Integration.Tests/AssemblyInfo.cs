using Integration.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(KubernetesFixture))]
