using ContactSync.Sandbox.Admin;
using ContactSync.Sandbox.Auth;
using ContactSync.Sandbox.ContractContacts;
using ContactSync.Sandbox.Faults;
using ContactSync.Sandbox.Hosting;
using ContactSync.Sandbox.HubSpot;
using ContactSync.Sandbox.Identity;
using ContactSync.Sandbox.Register;
using ContactSync.Sandbox.Seeds;
using ContactSync.Sandbox.Sumsub;
using ContactSync.Sandbox.Throttling;
using ContactSync.Sandbox.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddSandboxHosting(args);
builder.AddSeeds();
builder.AddAuth();
builder.AddContractContacts();
builder.AddThrottling();
builder.AddFaults();
builder.AddAdmin();
builder.AddRegister();
builder.AddHubSpot();
builder.AddSumsub();
builder.AddIdentityProvider();
builder.AddWebhooks();

var app = builder.Build();

// Order matters: stats see every outcome; auth names the client that throttling counts (the register's, HubSpot's and
// Sumsub's gates do both for theirs); faults hit only calls the limits let through.
app.UseNexudusErrors();
app.UseRouting();
app.UseIdentityProvider();
app.UseRequestStats();
app.UseBearerAuth();
app.UseRegisterGate();
app.UseHubSpotGate();
app.UseSumsubGate();
app.UseThrottling();
app.UseFaultInjection();

app.MapToken();
app.MapContractContacts();
app.MapSeeds();
app.MapAdmin();
app.MapRegister();
app.MapRegisterAdmin();
app.MapHubSpot();
app.MapHubSpotAdmin();
app.MapSumsub();
app.MapSumsubAdmin();
app.MapIdentityProvider();
app.MapWebhooks();

app.LogStartupBanner();
app.Run();
