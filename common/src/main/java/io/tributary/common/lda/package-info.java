/**
 * Latent Dirichlet allocation by collapsed Gibbs sampling (Griffiths and Steyvers 2004), engine-free,
 * in the parameter-server form Gaia's topic modelling uses (thesis §5.4.2): the word-topic counts
 * and topic totals are one flat vector ({@link io.tributary.common.lda.LdaModel}) shared through a
 * parameter store, while each worker keeps its documents' topic assignments and document-topic
 * counts ({@link io.tributary.common.lda.LdaShard}) and returns the change it made to the shared
 * counts. {@link io.tributary.common.lda.LdaCorpusSpec} generates corpora from the LDA process for
 * tests and benchmarks; {@link io.tributary.common.lda.LdaModel#heldOutPerplexity} scores a model.
 */
package io.tributary.common.lda;
