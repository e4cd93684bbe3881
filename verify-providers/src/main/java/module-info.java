/**
 * hookverify providers: one small class per webhook sender, and the {@code hookverify} command-line
 * tool. Being built; see the providers issue.
 */
module dev.hookverify.providers {
  requires dev.hookverify.core;
}
