/**
 * The image URLs of a drawing's answer: the Qwen stream state turns each `image_gen` frame into
 * one markdown image (`![image](url)`), in the order drawn, each URL once.
 */
export function imageUrlsOf(answerText: string): string[] {
  const urls: string[] = [];
  for (const match of answerText.matchAll(/!\[[^\]]*\]\((https?:\/\/[^)\s]+)\)/g)) {
    if (!urls.includes(match[1]!)) urls.push(match[1]!);
  }
  return urls;
}
