/** Implementation details of cwo-core: public for technical reasons, not API; may change at any time. */
package dev.cwo.internal;
