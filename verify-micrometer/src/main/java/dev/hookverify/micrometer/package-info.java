/** Micrometer meters for hookverify. */
package dev.hookverify.micrometer;
