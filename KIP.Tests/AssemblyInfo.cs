[assembly: KIP.Tests.Infrastructure.FailOnBrowserProblems]
[assembly: Xunit.TestCollectionOrderer(KIP.Tests.Infrastructure.LongestFirst.TypeName, KIP.Tests.Infrastructure.LongestFirst.AssemblyName)]
