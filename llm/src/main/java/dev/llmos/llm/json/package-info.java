/**
 * Reading the JSON a model meant: {@link dev.llmos.llm.json.LenientJson} finds it in a reply
 * (reasoning, fences and prose around it), repairs what a reply cut at its token limit left open,
 * and says what it did in a {@link dev.llmos.llm.json.JsonResult}, never throwing on model text.
 */
package dev.llmos.llm.json;
